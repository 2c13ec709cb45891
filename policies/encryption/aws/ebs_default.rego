package tollgate.encryption.aws.ebs_default

import data.tollgate.lib
import rego.v1

# METADATA
# title: EBS encryption by default is disabled
# description: |
#   An aws_ebs_encryption_by_default sets enabled = false: in this account and region,
#   volumes and snapshot copies that do not ask for encryption themselves are created
#   unencrypted, including those made by autoscaling groups, AMIs and other tools
#   outside Terraform.
# related_resources:
# - https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7
# custom:
#   id: TG-AWS-118
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set enabled = true (the default) on aws_ebs_encryption_by_default in every region, with aws_ebs_default_kms_key for a customer managed key.
#   frameworks:
#     cis-aws-2.0: ["2.2.1"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_ebs_encryption_by_default"
	r := input.resource
	lib.is_false(r.enabled)
	msg := sprintf("EBS encryption by default %q is disabled (enabled = false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enabled"), msg)
}
