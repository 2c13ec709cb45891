package tollgate.backup.aws.kms_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.kms
import rego.v1

# resource "aws_kms_key" "data" {                 # line 1
#   description             = "data"              # line 2
#   deletion_window_in_days = DAYS                # line 3
# }                                               # line 4
key(attrs) := fx.doc("aws_kms_key", "data", fx.block(1, 4, object.union({"description": "data"}, attrs), {"description": 2, "deletion_window_in_days": 3}))

test_tg_aws_151_violation if {
	findings := kms.deny with input as key({"deletion_window_in_days": 7})
	fx.found(findings, "TG-AWS-151", fx.at(3), `KMS key "data" can be deleted 7 days after deletion is scheduled (deletion_window_in_days = 7), less than 30`)
	count(findings) == 1
}

test_tg_aws_151_compliant if {
	count(kms.deny) == 0 with input as key({"deletion_window_in_days": 30})
	count(kms.deny) == 0 with input as key({})
	count(kms.deny) == 0 with input as key({"deletion_window_in_days": fx.unknown})
}
