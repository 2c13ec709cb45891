package tollgate.encryption.aws.rds_performance_insights_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.rds_performance_insights as pi
import rego.v1

# resource "aws_db_instance" "orders" {                  # line 1
#   identifier                      = "orders"           # line 2
#   performance_insights_enabled    = ENABLED            # line 3
#   performance_insights_kms_key_id = KEY                # line 4
# }                                                      # line 5
db(attrs) := fx.doc("aws_db_instance", "orders", fx.block(1, 5, object.union({"identifier": "orders"}, attrs), {"identifier": 2, "performance_insights_enabled": 3, "performance_insights_kms_key_id": 4}))

test_tg_aws_121_violation if {
	findings := pi.deny with input as db({"performance_insights_enabled": true})
	fx.found(findings, "TG-AWS-121", fx.at(3), `RDS instance "orders" keeps Performance Insights data under the AWS managed key (performance_insights_kms_key_id is not set)`)
	count(findings) == 1
}

test_tg_aws_121_compliant if {
	count(pi.deny) == 0 with input as db({"performance_insights_enabled": true, "performance_insights_kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
	count(pi.deny) == 0 with input as db({})
	count(pi.deny) == 0 with input as db({"performance_insights_enabled": false})
}

test_tg_aws_121_unknown_does_not_fire if {
	count(pi.deny) == 0 with input as db({"performance_insights_enabled": true, "performance_insights_kms_key_id": fx.unknown})
}
