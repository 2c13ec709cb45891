package tollgate.encryption.cloudformation.efs

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation EFS file system is not encrypted
# description: |
#   Encrypted is false, or not set (its default is false), on an AWS::EFS::FileSystem:
#   the files, and the backups AWS Backup takes of them, are stored unencrypted.
#   Encryption at rest cannot be turned on for an existing file system.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-efs-filesystem.html#cfn-efs-filesystem-encrypted
# - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
# custom:
#   id: TG-CFN-026
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set Encrypted to true (and KmsKeyId to a customer managed key if required); for an existing file system, create an encrypted one and copy the data with AWS DataSync.
#   frameworks:
#     cis-aws-2.0: ["2.4.1"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "AWS::EFS::FileSystem"
	p := input.resource.Properties
	problem := helpers.off(p, "Encrypted")
	msg := sprintf("EFS file system %q is not encrypted (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "Encrypted"), msg)
}
