package tollgate.access.aws.security_group

import data.tollgate.lib
import rego.v1

# Remote administration ports that must never be reachable from the whole internet.
admin_ports := [{"port": 22, "service": "SSH"}, {"port": 3389, "service": "RDP"}]

open_cidrs := {"0.0.0.0/0", "::/0"}

# METADATA
# title: Security group allows SSH or RDP from the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 on port 22 (SSH) or 3389 (RDP), or on all
#   ports, exposes remote administration to brute force and exploits from anywhere.
#   Checked on the ingress blocks of aws_security_group, on aws_security_group_rule
#   (type = "ingress") and on aws_vpc_security_group_ingress_rule.
# related_resources:
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13
# - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: TG-AWS-002
#   severity: high
#   category: access
#   provider: aws
#   remediation: Restrict the rule's CIDR blocks to known administration networks, or reach instances through AWS Systems Manager Session Manager or a bastion instead.
#   frameworks:
#     cis-aws-2.0: ["5.2", "5.3"]
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}
	some v in open_admin_ingress
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# Inline ingress blocks of aws_security_group.
open_admin_ingress contains v if {
	input.type == "aws_security_group"
	some rule in input.resource.ingress
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	v := violation(rule, rule.protocol, key, block_loc(rule, key))
}

# Standalone aws_security_group_rule of type ingress.
open_admin_ingress contains v if {
	input.type == "aws_security_group_rule"
	rule := input.resource
	rule.type == "ingress"
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	v := violation(rule, rule.protocol, key, lib.attr_loc(rule, key))
}

# aws_vpc_security_group_ingress_rule (AWS provider v5): one CIDR per rule.
open_admin_ingress contains v if {
	input.type == "aws_vpc_security_group_ingress_rule"
	rule := input.resource
	some key in ["cidr_ipv4", "cidr_ipv6"]
	v := violation(rule, rule.ip_protocol, key, lib.attr_loc(rule, key))
}

violation(rule, protocol, key, location) := {"location": location, "message": msg} if {
	cidrs := [c | some c in as_list(rule[key]); c in open_cidrs]
	count(cidrs) > 0
	exposed := [sprintf("%s (port %d)", [p.service, p.port]) | some p in admin_ports; covers(rule, protocol, p.port)]
	count(exposed) > 0
	msg := sprintf("security group %q allows ingress to %s from %s", [input.name, concat(" and ", exposed), concat(", ", cidrs)])
}

as_list(x) := x if is_array(x)

as_list(x) := [x] if is_string(x)

# The lines of the CIDR attribute of an inline ingress block; blocks written as an
# attribute value (ingress = [{...}]) may carry no position of their own.
block_loc(rule, key) := lib.attr_loc(rule, key) if rule.__loc

else := lib.attr_loc(input.resource, "ingress")

protocol_name(p) := lower(sprintf("%v", [p]))

# Protocol -1 ("all") opens every port whatever from_port and to_port say.
covers(_, protocol, _) if protocol_name(protocol) in {"-1", "all"}

covers(rule, protocol, port) if {
	protocol_name(protocol) in {"tcp", "6"}
	port_number(rule.from_port) <= port
	port <= port_number(rule.to_port)
}

port_number(x) := x if is_number(x)

port_number(x) := to_number(x) if {
	is_string(x)
	regex.match(`^-?[0-9]+$`, x)
}
