package tollgate.encryption.aws.ec2

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_instance": "EC2 instance",
	"aws_launch_template": "launch template",
	"aws_launch_configuration": "launch configuration",
}

# METADATA
# title: EC2 block device is not encrypted
# description: |
#   A root_block_device or ebs_block_device of an aws_instance or
#   aws_launch_configuration, or the ebs block of a block_device_mappings entry of an
#   aws_launch_template, sets encrypted = false or leaves it out (its default is false):
#   the volume, and every snapshot and AMI made from it, is unencrypted unless the
#   account encrypts by default. Devices created from a snapshot (snapshot_id) without
#   an encrypted setting inherit the snapshot's encryption and are not reported. An
#   aws_instance or aws_launch_configuration without any root_block_device block gets its
#   root volume from the AMI with the provider's defaults, unencrypted unless the AMI's
#   snapshot or the account's EBS encryption by default encrypts it; it is reported on the
#   resource.
# related_resources:
# - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#ebs-ephemeral-and-root-block-devices
# custom:
#   id: TG-AWS-120
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set encrypted = true (with kms_key_id for a customer managed key) on every block device, and enable aws_ebs_encryption_by_default.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"aws_instance", "aws_launch_template", "aws_launch_configuration"}
	some v in unencrypted
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

unencrypted contains v if {
	some d in devices
	not inherits(d.block)
	problem := helpers.off(d.block, "encrypted")
	v := {
		"location": lib.attr_loc(d.block, "encrypted"),
		"message": sprintf("%s %q has an unencrypted %s (%s)", [kinds[input.type], input.name, d.name, problem]),
	}
}

unencrypted contains v if {
	input.type in {"aws_instance", "aws_launch_configuration"}
	helpers.no_block(input.resource, "root_block_device")
	v := {
		"location": lib.loc(input.resource),
		"message": sprintf("%s %q has an unencrypted root volume (no root_block_device block: the root volume is created from the AMI with encrypted = false)", [kinds[input.type], input.name]),
	}
}

# devices: {name, block} for every EBS block device of the document.
devices contains {"name": "root_block_device", "block": b} if {
	input.type in {"aws_instance", "aws_launch_configuration"}
	some b in input.resource.root_block_device
}

devices contains {"name": device_name("ebs_block_device", b), "block": b} if {
	input.type in {"aws_instance", "aws_launch_configuration"}
	some b in input.resource.ebs_block_device
}

devices contains {"name": device_name("EBS volume", mapping), "block": b} if {
	input.type == "aws_launch_template"
	some mapping in input.resource.block_device_mappings
	some b in mapping.ebs
}

device_name(kind, b) := sprintf("%s %s", [kind, b.device_name]) if is_string(b.device_name)

else := kind

# A device restored from a snapshot keeps the snapshot's encryption when encrypted is
# not set.
inherits(b) if {
	not lib.missing(b, "snapshot_id")
	lib.missing(b, "encrypted")
}
