package tollgate.encryption.aws.efs_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.efs
import rego.v1

# resource "aws_efs_file_system" "shared" {   # line 1
#   creation_token = "shared"                 # line 2
#   encrypted      = ENCRYPTED                # line 3
# }                                           # line 4
fs(attrs) := fx.doc("aws_efs_file_system", "shared", fx.block(1, 4, object.union({"creation_token": "shared"}, attrs), {"creation_token": 2, "encrypted": 3}))

test_tg_aws_092_violation if {
	findings := efs.deny with input as fs({"encrypted": false})
	fx.found(findings, "TG-AWS-092", fx.at(3), `EFS file system "shared" is not encrypted at rest (encrypted = false)`)
	count(findings) == 1
}

test_tg_aws_092_compliant if {
	count(efs.deny) == 0 with input as fs({"encrypted": true})
}

test_tg_aws_092_default_fires if {
	fx.found(efs.deny, "TG-AWS-092", fx.span(1, 4), `EFS file system "shared" is not encrypted at rest (encrypted is not set, default false)`) with input as fs({})
}

test_tg_aws_092_unknown_does_not_fire if {
	count(efs.deny) == 0 with input as fs({"encrypted": fx.unknown})
}
