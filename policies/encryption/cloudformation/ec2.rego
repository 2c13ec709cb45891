package tollgate.encryption.cloudformation.ec2

import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::EC2::Instance": "EC2 instance",
	"AWS::EC2::LaunchTemplate": "launch template",
	"AWS::AutoScaling::LaunchConfiguration": "launch configuration",
}

# METADATA
# title: CloudFormation EC2 block device is not encrypted
# description: |
#   An Ebs entry of the BlockDeviceMappings of an AWS::EC2::Instance, an
#   AWS::AutoScaling::LaunchConfiguration or the LaunchTemplateData of an
#   AWS::EC2::LaunchTemplate sets Encrypted to false or leaves it out (its default is
#   false): the volume, and every snapshot and AMI made from it, is unencrypted unless
#   the account encrypts by default. Devices created from a snapshot (SnapshotId)
#   without Encrypted inherit the snapshot's encryption and are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-ebs.html
# - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: TG-CFN-025
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set Encrypted to true in every Ebs block device mapping (and KmsKeyId to a customer managed key if required), and turn on EBS encryption by default in every account and region.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"}
	some mapping in mappings
	ebs := mapping.Ebs
	is_object(ebs)
	problem := unencrypted(ebs)
	msg := sprintf("%s %q has an unencrypted EBS device%s (%s)", [kinds[input.type], input.name, device(mapping), problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(ebs, "Encrypted"), msg)
}

mappings := input.resource.Properties.BlockDeviceMappings if input.type in {"AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"}

mappings := input.resource.Properties.LaunchTemplateData.BlockDeviceMappings if input.type == "AWS::EC2::LaunchTemplate"

device(mapping) := sprintf(" %s", [mapping.DeviceName]) if is_string(mapping.DeviceName)

else := ""

unencrypted(ebs) := "Encrypted: false" if {
	lib.is_false(ebs.Encrypted)
} else := "Encrypted is not set, default false" if {
	lib.missing(ebs, "Encrypted")
	lib.missing(ebs, "SnapshotId")
}
