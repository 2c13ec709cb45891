package tollgate.encryption.aws.fsx_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.fsx
import rego.v1

# resource "aws_fsx_lustre_file_system" "scratch" {   # line 1
#   deployment_type = TYPE                            # line 2
#   kms_key_id      = KEY                             # line 3
# }                                                   # line 4
fs(attrs) := fx.doc("aws_fsx_lustre_file_system", "scratch", fx.block(1, 4, attrs, {"deployment_type": 2, "kms_key_id": 3}))

test_tg_aws_477_violation if {
	findings := fsx.deny with input as fs({"deployment_type": "PERSISTENT_2"})
	fx.found(findings, "TG-AWS-477", fx.span(1, 4), `FSx for Lustre file system "scratch" is not encrypted with a customer managed key (kms_key_id is not set)`)
	count(findings) == 1
}

test_tg_aws_477_compliant if {
	count(fsx.deny) == 0 with input as fs({"deployment_type": "PERSISTENT_1", "kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/k"})
	count(fsx.deny) == 0 with input as fs({"deployment_type": "PERSISTENT_1", "kms_key_id": fx.unknown})
	count(fsx.deny) == 0 with input as fs({"deployment_type": "SCRATCH_2"})
	count(fsx.deny) == 0 with input as fs({})
	count(fsx.deny) == 0 with input as fs({"deployment_type": fx.unknown})
}
