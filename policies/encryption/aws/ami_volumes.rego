package tollgate.encryption.aws.ami_volumes

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: AMI creates unencrypted EBS volumes
# description: |
#   An ebs_block_device of an aws_ami has no snapshot_id and encrypted is not true (the
#   provider's default is false): every instance launched from the image gets that volume
#   unencrypted, whatever the account's EBS encryption by default says for volumes created
#   otherwise. Block devices restored from a snapshot take the snapshot's encryption and are
#   not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ami#encrypted
# custom:
#   id: TG-AWS-571
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set encrypted = true on every ebs_block_device of the AMI (and build the image from encrypted snapshots encrypted with a customer managed key).
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "aws_ami"
	some device in input.resource.ebs_block_device
	lib.missing(device, "snapshot_id")
	problem := helpers.off(device, "encrypted")
	msg := sprintf("AMI %q gives its instances an unencrypted volume %s (%s)", [input.name, device_name(device), problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(device, "encrypted"), msg)
}

device_name(d) := sprintf("%q", [d.device_name]) if is_string(d.device_name)

else := "(unnamed)"
