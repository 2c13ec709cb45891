package tollgate.access.aws.public_ingress

import data.tollgate.access.aws.helpers
import data.tollgate.access.aws.network_acl
import data.tollgate.access.aws.security_group
import data.tollgate.access.aws.security_group_exposure
import data.tollgate.lib
import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

# METADATA
# title: Security group accepts ingress from the whole internet
# description: |
#   An ingress rule allows 0.0.0.0/0 or ::/0, on whatever port and protocol. Every host on
#   the internet can then reach that port of the attached instances, load balancers or
#   databases; only the service's own authentication stands in the way. A public web
#   front end needs it on 80 and 443, most other services should not have it. Checked on
#   aws_security_group ingress blocks, aws_security_group_rule (type = "ingress") and
#   aws_vpc_security_group_ingress_rule. Rules already reported for administration ports
#   (TG-AWS-002, TG-AWS-045), database ports (TG-AWS-046) or every port (TG-AWS-047) are
#   not reported again.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group_rule
# custom:
#   id: TG-AWS-601
#   severity: low
#   category: access
#   provider: aws
#   remediation: Allow the port only from the address ranges, prefix lists or security groups (source_security_group_id / referenced_security_group_id) that need it; keep 0.0.0.0/0 for the ports of a public front end such as a load balancer's 443.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}
	some e in sg_ingress
	not e.location in sg_reported
	msg := sprintf("security group %q accepts ingress%s from %s", [input.name, ports_text(e.rule, e.protocol), concat(", ", e.cidrs)])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# METADATA
# title: Network ACL allows ingress from the whole internet
# description: |
#   A network ACL ingress entry allows 0.0.0.0/0 or ::/0, on whatever port and protocol,
#   and no deny entry with a lower rule number shuts the same traffic out first: the
#   subnet's ACL lets the internet through to that port and only security groups remain.
#   Checked on the ingress blocks of aws_network_acl and aws_default_network_acl and on
#   aws_network_acl_rule (egress = false, rule_action = "allow"). Entries already
#   reported for administration ports (TG-AWS-049) or every port (TG-AWS-250) are not
#   reported again.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_acl_rule
# custom:
#   id: TG-AWS-602
#   severity: low
#   category: access
#   provider: aws
#   remediation: Allow only the address ranges that need the subnet's services, or deny 0.0.0.0/0 and ::/0 with a lower-numbered entry; keep internet ingress for public subnets that serve it (443 and the ephemeral ports of return traffic).
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"}
	some e in acl_ingress
	e.action == "allow"
	not denied_first(e)
	not e.location in acl_reported
	msg := sprintf("network ACL %q allows ingress%s from %s", [input.name, ports_text(e.rule, e.protocol), e.cidr])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# ---------------------------------------------------------------------------
# Security groups

# sg_ingress holds the ingress rules of the document open to the whole internet:
# {rule, protocol, cidrs, location}.
sg_ingress contains e if {
	input.type == "aws_security_group"
	some rule in input.resource.ingress
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	e := sg_entry(rule, rule.protocol, key, inline_loc(rule, key))
}

sg_ingress contains e if {
	input.type == "aws_security_group_rule"
	rule := input.resource
	rule.type == "ingress"
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	e := sg_entry(rule, object.get(rule, "protocol", null), key, lib.attr_loc(rule, key))
}

sg_ingress contains e if {
	input.type == "aws_vpc_security_group_ingress_rule"
	rule := input.resource
	some key in ["cidr_ipv4", "cidr_ipv6"]
	e := sg_entry(rule, object.get(rule, "ip_protocol", null), key, lib.attr_loc(rule, key))
}

sg_entry(rule, protocol, key, location) := {"rule": rule, "protocol": protocol, "cidrs": cidrs, "location": location} if {
	cidrs := [c | some c in helpers.strings_of(rule[key]); c in open_cidrs]
	count(cidrs) > 0
}

# The locations the administration, database and all-ports rules already report.
sg_reported contains f.location if {
	some f in security_group.deny
	f.rule_id == "TG-AWS-002"
}

sg_reported contains f.location if {
	some f in security_group_exposure.deny
	f.rule_id in {"TG-AWS-045", "TG-AWS-046", "TG-AWS-047"}
}

# ---------------------------------------------------------------------------
# Network ACLs

# acl_ingress holds the ingress entries of the document open to the whole internet:
# {rule, action, rule_no, protocol, cidr, location}.
acl_ingress contains e if {
	input.type in {"aws_network_acl", "aws_default_network_acl"}
	some rule in input.resource.ingress
	some key in ["cidr_block", "ipv6_cidr_block"]
	e := acl_entry(rule, rule.action, rule.rule_no, key, inline_loc(rule, key))
}

acl_ingress contains e if {
	input.type == "aws_network_acl_rule"
	rule := input.resource
	ingress_rule(rule)
	some key in ["cidr_block", "ipv6_cidr_block"]
	e := acl_entry(rule, rule.rule_action, object.get(rule, "rule_number", null), key, lib.attr_loc(rule, key))
}

acl_entry(rule, action, rule_no, key, location) := {
	"rule": rule,
	"action": lower(action),
	"rule_no": rule_no,
	"protocol": object.get(rule, "protocol", null),
	"cidr": rule[key],
	"location": location,
} if {
	rule[key] in open_cidrs
	is_string(action)
}

# egress defaults to false: an aws_network_acl_rule without it is an ingress rule.
ingress_rule(rule) if lib.is_false(rule.egress)

ingress_rule(rule) if lib.missing(rule, "egress")

# A deny entry of the same ACL with a lower rule number, for the same source, the same
# protocol (or all) and every port the entry opens, is evaluated first and wins.
denied_first(e) if {
	input.type in {"aws_network_acl", "aws_default_network_acl"}
	some other in acl_ingress
	other.action == "deny"
	other.cidr == e.cidr
	helpers.number(other.rule_no) < helpers.number(e.rule_no)
	shuts_out(other, e)
}

shuts_out(other, _) if all_protocols(other.protocol)

shuts_out(other, e) if {
	protocol_text(other.protocol) == protocol_text(e.protocol)
	helpers.number(other.rule.from_port) <= helpers.number(e.rule.from_port)
	helpers.number(other.rule.to_port) >= helpers.number(e.rule.to_port)
}

# The locations the administration and every-port rules already report.
acl_reported contains f.location if {
	some f in network_acl.deny
	f.rule_id in {"TG-AWS-049", "TG-AWS-250"}
}

# ---------------------------------------------------------------------------
# Shared

all_protocols(p) if protocol_text(p) in {"-1", "all"}

protocol_text(p) := lower(sprintf("%v", [p]))

# ports_text(rule, protocol) describes what the rule opens, when it is known.
ports_text(rule, protocol) := " on all protocols" if {
	all_protocols(protocol)
} else := " over ICMP" if {
	protocol_text(protocol) in {"icmp", "1", "icmpv6", "58"}
} else := sprintf(" on %s port %d", [protocol_name(protocol), from]) if {
	from := helpers.number(rule.from_port)
	from == helpers.number(rule.to_port)
} else := sprintf(" on %s ports %d-%d", [protocol_name(protocol), helpers.number(rule.from_port), helpers.number(rule.to_port)]) if {
	protocol != null
} else := ""

protocol_name(p) := n if {
	n := {"6": "TCP", "17": "UDP"}[protocol_text(p)]
} else := upper(protocol_text(p))

# The lines of the CIDR attribute of an inline block; blocks written as an attribute
# value (ingress = [{...}]) may carry no position of their own.
inline_loc(rule, key) := lib.attr_loc(rule, key) if rule.__loc

else := lib.attr_loc(input.resource, "ingress")
