package tollgate.encryption.aws.efs

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: EFS file system is not encrypted
# description: |
#   encrypted is false, or not set (its default is false), on an aws_efs_file_system:
#   the files, their metadata and the file system's backups are stored unencrypted, and
#   encryption cannot be turned on later without copying the data to a new file system.
# related_resources:
# - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1
# custom:
#   id: TG-AWS-092
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set encrypted = true (with kms_key_id for a customer managed key); migrate an existing file system to a new encrypted one with AWS DataSync or a restore from backup.
#   frameworks:
#     cis-aws-2.0: ["2.4.1"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "aws_efs_file_system"
	r := input.resource
	problem := helpers.off(r, "encrypted")
	msg := sprintf("EFS file system %q is not encrypted at rest (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "encrypted"), msg)
}
