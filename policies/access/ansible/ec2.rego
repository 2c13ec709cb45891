package tollgate.access.ansible.ec2

import data.tollgate.access.ansible.packages
import data.tollgate.lib
import rego.v1

# A task of amazon.aws.ec2_instance with image_id (or image) launches instances; without it,
# it manages existing ones, whose addressing it does not change.
launches(args) if {
	some key in ["image_id", "image"]
	args[key]
}

# public_ip are the locations where the task asks for a public IP address.
public_ip contains lib.attr_loc(net, "assign_public_ip") if {
	net := input.resource.args.network
	is_object(net)
	packages.ansible_true(net.assign_public_ip)
}

public_ip contains lib.attr_loc(nic, "assign_public_ip") if {
	some nic in input.resource.args.network_interfaces
	is_object(nic)
	packages.ansible_true(nic.assign_public_ip)
}

# default_subnet holds when the task names no subnet, no network interface and no
# assign_public_ip: the instance starts in the default VPC, whose subnets give every
# instance a public IP address.
default_subnet if {
	args := input.resource.args
	lib.missing(args, "vpc_subnet_id")
	lib.missing(args, "network_interfaces")
	lib.missing(args, "network_interfaces_ids")
	no_network_choice(args)
}

no_network_choice(args) if lib.missing(args, "network")

no_network_choice(args) if {
	is_object(args.network)
	lib.missing(args.network, "assign_public_ip")
	lib.missing(args.network, "interfaces")
	lib.missing(args.network, "subnet_id")
}

# METADATA
# title: Ansible task launches an EC2 instance with a public IP address
# description: |
#   An amazon.aws.ec2_instance task that launches instances (it has image_id or image) sets
#   assign_public_ip to true (under network, or on a network_interfaces entry), or names no
#   subnet at all (vpc_subnet_id, network interfaces), so the instance lands in the default
#   VPC, whose subnets give every instance a public address. The instance is then reachable
#   from the internet, with only its security groups in the way. An instance in a subnet the
#   task names takes that subnet's setting, which the playbook does not show: it is not
#   reported.
# related_resources:
# - https://docs.ansible.com/ansible/latest/collections/amazon/aws/ec2_instance_module.html
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses
# custom:
#   id: TG-ANS-006
#   severity: medium
#   category: access
#   remediation: Launch the instance in a private subnet (vpc_subnet_id) with network.assign_public_ip (or the interface's assign_public_ip) set to false, and publish its services through a load balancer.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.4.1"]
deny contains finding if {
	input.type == "ansible_task"
	input.resource.module == "ec2_instance"
	launches(input.resource.args)
	some e in exposures
	msg := sprintf("task %q launches EC2 instances %s", [input.name, e.why])
	finding := lib.finding(rego.metadata.rule(), e.loc, msg)
}

exposures contains {"loc": location, "why": "with a public IP address (assign_public_ip: true)"} if {
	some location in public_ip
}

exposures contains {"loc": lib.loc(input.resource.args), "why": "in the default VPC, which gives them public IP addresses (no vpc_subnet_id, no assign_public_ip: false)"} if {
	default_subnet
}
