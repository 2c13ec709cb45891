package tollgate.encryption.aws.ebs

import data.tollgate.lib
import rego.v1

# METADATA
# title: EBS volume is not encrypted
# description: |
#   encrypted is false, or not set, on an aws_ebs_volume: the volume, its snapshots and the
#   data moving between it and its instance are unencrypted. tollgate looks at one resource
#   at a time: account-wide encryption by default (aws_ebs_encryption_by_default) is not
#   taken into account, and a volume relying on it is still reported.
# related_resources:
# - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume#encrypted
# custom:
#   id: TG-AWS-011
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set encrypted = true (with kms_key_id for a customer managed key). An existing volume has to be replaced by one created from an encrypted copy of its snapshot.
#   frameworks:
#     cis-aws-2.0: ["2.2.1"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "aws_ebs_volume"
	r := input.resource
	problem := unencrypted(r)
	msg := sprintf("EBS volume %q %s", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "encrypted"), msg)
}

unencrypted(r) := "has encrypted = false" if {
	disabled(r.encrypted)
} else := "does not set encrypted (default false)" if {
	lib.missing(r, "encrypted")
}

# lib.is_false is given strings only: on a boolean true it would raise a type error
# when builtin errors are strict.
disabled(v) if v == false

disabled(v) if {
	is_string(v)
	lib.is_false(v)
}
