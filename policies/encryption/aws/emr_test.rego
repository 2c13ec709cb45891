package tollgate.encryption.aws.emr_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.emr
import rego.v1

# resource "aws_emr_security_configuration" "sc" {   # line 1
#   name          = "sc"                             # line 2
#   configuration = jsonencode(CONFIG)               # lines 3-12
# }                                                  # line 13
sc(config) := fx.doc("aws_emr_security_configuration", "sc", fx.block(1, 13, {"name": "sc", "configuration": json.marshal(config)}, {"name": 2, "configuration": [3, 12]}))

good := {"EncryptionConfiguration": {
	"EnableAtRestEncryption": true,
	"EnableInTransitEncryption": true,
	"AtRestEncryptionConfiguration": {
		"S3EncryptionConfiguration": {"EncryptionMode": "SSE-KMS", "AwsKmsKey": "arn:aws:kms:us-east-1:123456789012:key/k"},
		"LocalDiskEncryptionConfiguration": {"EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": "arn:aws:kms:us-east-1:123456789012:key/k", "EnableEbsEncryption": true},
	},
}}

test_tg_aws_238_violation if {
	findings := emr.deny with input as sc({"EncryptionConfiguration": {"EnableAtRestEncryption": false, "EnableInTransitEncryption": true}})
	fx.found(findings, "TG-AWS-238", fx.span(3, 12), `EMR security configuration "sc" does not encrypt data at rest (EnableAtRestEncryption is false)`)
	count(findings) == 1
}

test_tg_aws_239_violation if {
	findings := emr.deny with input as sc(json.patch(good, [{"op": "remove", "path": "/EncryptionConfiguration/EnableInTransitEncryption"}]))
	fx.found(findings, "TG-AWS-239", fx.span(3, 12), `EMR security configuration "sc" does not encrypt data in transit (EnableInTransitEncryption is not set)`)
	count(findings) == 1
}

test_tg_aws_240_violation if {
	f1 := emr.deny with input as sc(json.patch(good, [{"op": "remove", "path": "/EncryptionConfiguration/AtRestEncryptionConfiguration/LocalDiskEncryptionConfiguration"}]))
	fx.found(f1, "TG-AWS-240", fx.span(3, 12), `EMR security configuration "sc" does not encrypt the nodes' local disks (no LocalDiskEncryptionConfiguration)`)
	count(f1) == 1
	f2 := emr.deny with input as sc(json.patch(good, [{"op": "replace", "path": "/EncryptionConfiguration/AtRestEncryptionConfiguration/LocalDiskEncryptionConfiguration/EnableEbsEncryption", "value": false}]))
	fx.found(f2, "TG-AWS-240", fx.span(3, 12), `EMR security configuration "sc" does not encrypt the nodes' EBS volumes (EnableEbsEncryption is not true)`)
	count(f2) == 1
}

test_tg_aws_238_compliant if {
	count(emr.deny) == 0 with input as sc(good)
	count(emr.deny) == 0 with input as fx.doc("aws_emr_security_configuration", "sc", fx.block(1, 13, {"configuration": fx.unknown}, {"configuration": [3, 12]}))
}

test_tg_aws_238_no_encryption_configuration if {
	findings := emr.deny with input as sc({"AuthenticationConfiguration": {}})
	count(fx.ids(findings, "TG-AWS-238")) == 1
	count(fx.ids(findings, "TG-AWS-239")) == 1
	count(fx.ids(findings, "TG-AWS-240")) == 0
}

test_tg_aws_239_compliant if {
	count(fx.ids(emr.deny, "TG-AWS-239")) == 0 with input as sc({"EncryptionConfiguration": {"EnableInTransitEncryption": true}})
}

test_tg_aws_240_compliant if {
	count(fx.ids(emr.deny, "TG-AWS-240")) == 0 with input as sc({"EncryptionConfiguration": {"EnableAtRestEncryption": false}})
}

test_tg_aws_479_violation if {
	f1 := emr.deny with input as sc(json.patch(good, [{"op": "replace", "path": "/EncryptionConfiguration/AtRestEncryptionConfiguration/S3EncryptionConfiguration", "value": {"EncryptionMode": "SSE-S3"}}]))
	fx.found(f1, "TG-AWS-479", fx.span(3, 12), `EMR security configuration "sc" does not encrypt S3 data with a KMS key (EncryptionMode is SSE-S3)`)
	count(f1) == 1
	f2 := emr.deny with input as sc(json.patch(good, [{"op": "remove", "path": "/EncryptionConfiguration/AtRestEncryptionConfiguration/S3EncryptionConfiguration"}]))
	fx.found(f2, "TG-AWS-479", fx.span(3, 12), `EMR security configuration "sc" does not encrypt S3 data with a KMS key (no S3EncryptionConfiguration)`)
	count(f2) == 1
}

test_tg_aws_479_compliant if {
	count(emr.deny) == 0 with input as sc(json.patch(good, [{"op": "replace", "path": "/EncryptionConfiguration/AtRestEncryptionConfiguration/S3EncryptionConfiguration/EncryptionMode", "value": "CSE-KMS"}]))
}
