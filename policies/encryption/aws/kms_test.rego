package tollgate.encryption.aws.kms_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.kms
import rego.v1

# resource "aws_kms_key" "data" {               # line 1
#   description              = "data"           # line 2
#   customer_master_key_spec = SPEC             # line 3
#   enable_key_rotation      = ROTATION         # line 4
# }                                             # line 5
key(attrs) := fx.doc("aws_kms_key", "data", fx.block(1, 5, object.union({"description": "data"}, attrs), {"description": 2, "customer_master_key_spec": 3, "enable_key_rotation": 4, "custom_key_store_id": 3}))

test_tg_aws_099_violation if {
	findings := kms.deny with input as key({"customer_master_key_spec": "SYMMETRIC_DEFAULT", "enable_key_rotation": false})
	fx.found(findings, "TG-AWS-099", fx.at(4), `KMS key "data" does not rotate its key material (enable_key_rotation = false)`)
	count(findings) == 1
}

test_tg_aws_099_compliant if {
	count(kms.deny) == 0 with input as key({"enable_key_rotation": true})
	count(kms.deny) == 0 with input as key({"customer_master_key_spec": "RSA_4096"})
	count(kms.deny) == 0 with input as key({"customer_master_key_spec": "HMAC_256"})
	count(kms.deny) == 0 with input as key({"custom_key_store_id": "cks-1234567890abcdef0"})
}

test_tg_aws_099_default_fires if {
	fx.found(kms.deny, "TG-AWS-099", fx.span(1, 5), `KMS key "data" does not rotate its key material (enable_key_rotation is not set, default false)`) with input as key({})
}

test_tg_aws_099_unknown_does_not_fire if {
	count(kms.deny) == 0 with input as key({"enable_key_rotation": fx.unknown})
	count(kms.deny) == 0 with input as key({"customer_master_key_spec": fx.unknown})
}
