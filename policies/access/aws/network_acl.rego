package tollgate.access.aws.network_acl

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

# METADATA
# title: Network ACL allows administration ports from the internet
# description: |
#   A network ACL ingress entry allows 0.0.0.0/0 or ::/0 on a port of the admin_ports
#   parameter (SSH 22 and RDP 3389 by default), over TCP, UDP or all protocols. Checked
#   on the ingress blocks of aws_network_acl and aws_default_network_acl, where an
#   entry is not reported when a deny entry with a lower rule number covers the same
#   port first, and on aws_network_acl_rule (egress = false, rule_action = "allow"),
#   where the rules of other resources cannot be seen.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21
# custom:
#   id: TG-AWS-049
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Deny the administration ports from 0.0.0.0/0 and ::/0 with a lower-numbered entry, or allow them only from the administration networks.
#   frameworks:
#     cis-aws-2.0: ["5.1"]
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"}
	some e in entries
	e.action == "allow"
	exposed := sort([p | some p in admin_ports; covers(e, p); not denied_first(e, p)])
	count(exposed) > 0
	msg := sprintf("network ACL %q allows ingress to administration port%s %s from %s", [input.name, plural(exposed), concat(", ", [sprintf("%d", [p]) | some p in exposed]), e.cidr])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# METADATA
# title: Network ACL allows every port to or from the internet
# description: |
#   A network ACL entry allows all protocols (protocol -1), or every TCP or UDP port, to or
#   from 0.0.0.0/0 or ::/0. The subnet's ACL then filters nothing for that direction and
#   only security groups stand between the internet and the instances (ingress), or
#   between them and any destination data could be sent to (egress). Checked on the
#   ingress and egress blocks of aws_network_acl and aws_default_network_acl and on
#   aws_network_acl_rule; entries limited to narrower address ranges are not reported.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_acl_rule
# custom:
#   id: TG-AWS-250
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Allow only the protocols and port ranges the subnet serves (443, ephemeral ports for return traffic), and reach everything else through narrower address ranges.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1", "1.3.2"]
deny contains finding if {
	input.type in {"aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"}
	some e in directed_entries
	e.action == "allow"
	e.from <= 1
	e.to >= 65535
	not shadowed(e)
	msg := sprintf("network ACL %q allows %s on every port %s %s", [input.name, e.direction, preposition[e.direction], e.cidr])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

preposition := {"ingress": "from", "egress": "to"}

# directed_entries holds the internet-facing entries of both directions, each with its
# direction.
directed_entries contains object.union(e, {"direction": direction}) if {
	input.type in {"aws_network_acl", "aws_default_network_acl"}
	some direction in ["ingress", "egress"]
	some rule in input.resource[direction]
	some key in ["cidr_block", "ipv6_cidr_block"]
	e := entry(rule, rule.action, rule.rule_no, key, block_attr_loc(rule, key, direction))
}

directed_entries contains object.union(e, {"direction": direction}) if {
	input.type == "aws_network_acl_rule"
	rule := input.resource
	direction := rule_direction(rule)
	some key in ["cidr_block", "ipv6_cidr_block"]
	e := entry(rule, rule.rule_action, rule.rule_number, key, lib.attr_loc(rule, key))
}

# A deny entry of the same ACL and direction with a lower rule number, for the same
# source and every port the entry opens, is evaluated first and wins.
shadowed(e) if {
	input.type in {"aws_network_acl", "aws_default_network_acl"}
	some other in directed_entries
	other.direction == e.direction
	other.action == "deny"
	other.cidr == e.cidr
	other.rule_no < e.rule_no
	same_protocol(other, e)
	other.from <= e.from
	other.to >= e.to
}

rule_direction(rule) := "egress" if lib.is_true(rule.egress)

rule_direction(rule) := "ingress" if lib.is_false(rule.egress)

rule_direction(rule) := "ingress" if lib.missing(rule, "egress")

block_attr_loc(rule, key, direction) := lib.attr_loc(rule, key) if rule.__loc

else := lib.attr_loc(input.resource, direction)

admin_ports contains p if {
	some p in lib.param("admin_ports")
	is_number(p)
}

# entries holds the internet-facing ingress entries of the document:
# {action, rule_no, protocol, from, to, cidr, location}.
entries contains e if {
	input.type in {"aws_network_acl", "aws_default_network_acl"}
	some rule in input.resource.ingress
	some key in ["cidr_block", "ipv6_cidr_block"]
	e := entry(rule, rule.action, rule.rule_no, key, inline_loc(rule, key))
}

entries contains e if {
	input.type == "aws_network_acl_rule"
	rule := input.resource
	not egress(rule)
	some key in ["cidr_block", "ipv6_cidr_block"]
	e := entry(rule, rule.rule_action, rule.rule_number, key, lib.attr_loc(rule, key))
}

entry(rule, action, rule_no, key, location) := {
	"action": lower(action),
	"rule_no": helpers.number(rule_no),
	"protocol": p,
	"from": r[0],
	"to": r[1],
	"cidr": rule[key],
	"location": location,
} if {
	rule[key] in open_cidrs
	is_string(action)
	p := protocol_name(rule.protocol)
	r := port_range(rule, p)
}

# An egress rule, or one whose direction is unknown.
egress(rule) if lib.is_true(rule.egress)

egress(rule) if lib.unknown(rule, "egress")

protocol_name(p) := "all" if lower(sprintf("%v", [p])) in {"-1", "all"}

protocol_name(p) := "tcp" if lower(sprintf("%v", [p])) in {"tcp", "6"}

protocol_name(p) := "udp" if lower(sprintf("%v", [p])) in {"udp", "17"}

# Protocol -1 covers every port whatever from_port and to_port say.
port_range(_, "all") := [0, 65535]

port_range(rule, p) := [helpers.number(rule.from_port), helpers.number(rule.to_port)] if p in {"tcp", "udp"}

covers(e, port) if {
	e.from <= port
	port <= e.to
}

# A deny entry of the same ACL with a lower rule number, for the same source, is
# evaluated first and wins.
denied_first(e, port) if {
	input.type in {"aws_network_acl", "aws_default_network_acl"}
	some other in entries
	other.action == "deny"
	other.cidr == e.cidr
	other.rule_no < e.rule_no
	same_protocol(other, e)
	covers(other, port)
}

same_protocol(other, _) if other.protocol == "all"

same_protocol(other, e) if other.protocol == e.protocol

# The lines of the CIDR attribute of an inline entry; entries written as an attribute
# value (ingress = [{...}]) may carry no position of their own.
inline_loc(rule, key) := lib.attr_loc(rule, key) if rule.__loc

else := lib.attr_loc(input.resource, "ingress")

plural(list) := "s" if count(list) > 1

else := ""
