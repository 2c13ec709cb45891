package tollgate.encryption.cloudformation.ec2_root

import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::EC2::Instance": "EC2 instance",
	"AWS::AutoScaling::LaunchConfiguration": "launch configuration",
}

# METADATA
# title: CloudFormation EC2 instance does not declare an encrypted root volume
# description: |
#   An AWS::EC2::Instance or AWS::AutoScaling::LaunchConfiguration has no
#   BlockDeviceMappings: the root volume is created from the AMI's snapshot settings, which
#   are unencrypted for most public AMIs unless the account turns EBS encryption by default
#   on, so nothing in the template guarantees an encrypted disk. Declared mappings are
#   checked by TG-CFN-025. An instance launched from a LaunchTemplate takes its devices from
#   the template (checked there) and is not reported, nor is a mapping list the template does
#   not decide.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-instance-blockdevicemapping.html
# - https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
# custom:
#   id: TG-CFN-141
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Add a BlockDeviceMappings entry for the AMI's root device (DeviceName /dev/xvda or /dev/sda1) with Ebs.Encrypted true, and turn on EBS encryption by default in every account and region.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"}
	kind := kinds[input.type]
	p := input.resource.Properties
	no_mappings(p)
	not from_launch_template(p)
	msg := sprintf("%s %q does not declare its root volume encrypted (no BlockDeviceMappings; the AMI decides)", [kind, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "BlockDeviceMappings"), msg)
}

from_launch_template(p) if _ = p.LaunchTemplate

from_launch_template(p) if lib.unknown(p, "LaunchTemplate")

no_mappings(p) if lib.missing(p, "BlockDeviceMappings")

no_mappings(p) if {
	p.BlockDeviceMappings == []
	not lib.unknown(p, "BlockDeviceMappings")
}
