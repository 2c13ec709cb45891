package tollgate.backup.aws.dynamodb_deletion_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.dynamodb_deletion
import rego.v1

# resource "aws_dynamodb_table" "orders" {           # line 1
#   name                        = "orders"           # line 2
#   deletion_protection_enabled = PROTECTION         # line 3
# }                                                  # line 4
table(attrs) := fx.doc("aws_dynamodb_table", "orders", fx.block(1, 4, object.union({"name": "orders"}, attrs), {"name": 2, "deletion_protection_enabled": 3}))

test_tg_aws_152_violation if {
	findings := dynamodb_deletion.deny with input as table({"deletion_protection_enabled": false})
	fx.found(findings, "TG-AWS-152", fx.at(3), `DynamoDB table "orders" has no deletion protection (deletion_protection_enabled = false)`)
	count(findings) == 1
}

test_tg_aws_152_compliant if {
	count(dynamodb_deletion.deny) == 0 with input as table({"deletion_protection_enabled": true})
}

test_tg_aws_152_default_fires if {
	fx.found(dynamodb_deletion.deny, "TG-AWS-152", fx.span(1, 4), `DynamoDB table "orders" has no deletion protection (deletion_protection_enabled is not set, default false)`) with input as table({})
}

test_tg_aws_152_unknown_does_not_fire if {
	count(dynamodb_deletion.deny) == 0 with input as table({"deletion_protection_enabled": fx.unknown})
}
