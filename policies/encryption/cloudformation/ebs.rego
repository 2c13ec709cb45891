package tollgate.encryption.cloudformation.ebs

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation EBS volume is not encrypted
# description: |
#   Encrypted is false, or not set (its default is false), on an AWS::EC2::Volume: the
#   volume, its snapshots and the data moving between it and its instance are
#   unencrypted. A volume created from a snapshot (SnapshotId) without Encrypted inherits
#   the snapshot's encryption and is not reported. tollgate looks at one resource at a
#   time: account-wide EBS encryption by default is not taken into account.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-volume.html#cfn-ec2-volume-encrypted
# - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: TG-CFN-024
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set Encrypted to true (and KmsKeyId to a customer managed key if required), and turn on EBS encryption by default in every account and region.
#   frameworks:
#     cis-aws-2.0: ["2.2.1"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "AWS::EC2::Volume"
	p := input.resource.Properties
	problem := unencrypted(p)
	msg := sprintf("EBS volume %q is not encrypted (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "Encrypted"), msg)
}

unencrypted(p) := "Encrypted: false" if {
	lib.is_false(p.Encrypted)
} else := "Encrypted is not set, default false" if {
	lib.missing(p, "Encrypted")
	lib.missing(p, "SnapshotId")
}
