package tollgate.access.aws.security_group_exposure

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

# Ports TG-AWS-002 already reports (SSH and RDP); TG-AWS-045 reports the other
# administration ports of the admin_ports parameter.
reported_by_tg_aws_002 := {22, 3389}

# Database and data store ports that must never be reachable from the internet.
database_ports := {
	1433: "SQL Server",
	1521: "Oracle",
	3306: "MySQL",
	5432: "PostgreSQL",
	5439: "Redshift",
	6379: "Redis",
	9042: "Cassandra",
	9200: "Elasticsearch/OpenSearch",
	11211: "Memcached",
	27017: "MongoDB/DocumentDB",
}

sg_types := {"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}

# METADATA
# title: Security group exposes an administration port to the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 covers, over TCP or UDP, a port of the
#   admin_ports parameter other than 22 and 3389 (SSH and RDP are reported by
#   TG-AWS-002): WinRM, VNC, Telnet or whatever the organisation lists. Remote
#   administration reachable from anywhere is brute-forced and exploited within hours.
#   Rules open on every port are reported by TG-AWS-047. Checked on aws_security_group
#   ingress blocks, aws_security_group_rule (type = "ingress") and
#   aws_vpc_security_group_ingress_rule.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-53
# custom:
#   id: TG-AWS-045
#   severity: high
#   category: access
#   provider: aws
#   remediation: Restrict the rule's CIDR blocks to the administration networks, or reach instances through AWS Systems Manager Session Manager or a VPN.
#   frameworks:
#     cis-aws-2.0: ["5.2", "5.3"]
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}
	some e in ingress
	not all_ports(e)
	exposed := sort([p | some p in admin_ports; covers(e, p, {"tcp", "udp"})])
	count(exposed) > 0
	msg := sprintf("security group %q allows ingress to administration port%s %s from %s", [input.name, plural(exposed), concat(", ", [sprintf("%d", [p]) | some p in exposed]), concat(", ", e.cidrs)])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# METADATA
# title: Security group exposes a database port to the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 covers a TCP port of a database or data
#   store: SQL Server 1433, Oracle 1521, MySQL 3306, PostgreSQL 5432, Redshift 5439,
#   Redis 6379, Cassandra 9042, Elasticsearch/OpenSearch 9200, Memcached 11211,
#   MongoDB/DocumentDB 27017. Internet scanners find such ports within minutes, and
#   many of these engines ship without authentication. Rules open on every port are
#   reported by TG-AWS-047.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
# custom:
#   id: TG-AWS-046
#   severity: high
#   category: access
#   provider: aws
#   remediation: Allow the database port only from the application's security group (source_security_group_id / referenced_security_group_id) or from private CIDR ranges.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1", "1.4.4"]
deny contains finding if {
	input.type in {"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}
	some e in ingress
	not all_ports(e)
	exposed := [sprintf("%s (%d)", [database_ports[p], p]) | some p in sort(object.keys(database_ports)); covers(e, p, {"tcp"})]
	count(exposed) > 0
	msg := sprintf("security group %q allows ingress to %s from %s", [input.name, concat(", ", exposed), concat(", ", e.cidrs)])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# METADATA
# title: Security group allows all ports from the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 allows every protocol (protocol -1) or
#   every TCP or UDP port (0 or 1 to 65535): every service listening on the attached
#   instances, including ones started by mistake or by an attacker, is reachable from
#   anywhere.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
# custom:
#   id: TG-AWS-047
#   severity: high
#   category: access
#   provider: aws
#   remediation: Replace the rule with rules for the ports the service needs (usually 443), from the sources that need them.
#   frameworks:
#     cis-aws-2.0: ["5.2", "5.3"]
#     nist-800-53: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}
	some e in ingress
	all_ports(e)
	msg := sprintf("security group %q allows ingress on %s from %s", [input.name, all_text[e.protocol], concat(", ", e.cidrs)])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

all_text := {"all": "all protocols and ports", "tcp": "all TCP ports", "udp": "all UDP ports"}

# METADATA
# title: Security group allows egress to the whole internet
# description: |
#   An egress rule of an aws_security_group (an egress block, an aws_security_group_rule
#   of type "egress" or an aws_vpc_security_group_egress_rule) allows traffic to
#   0.0.0.0/0 or ::/0. Code running on the attached resources, including code an
#   attacker planted, can then reach any host to download tools, call a command and
#   control server or send data out. The default security group's rules are reported by
#   TG-AWS-048.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group#egress
# custom:
#   id: TG-AWS-251
#   severity: low
#   category: access
#   provider: aws
#   remediation: Allow egress only to the address ranges, prefix lists (VPC endpoints) or security groups the workload talks to, and send the rest through a proxy or NAT with egress filtering.
#   frameworks:
#     nist-800-53: ["SC-7", "SC-7(5)"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.2"]
deny contains finding if {
	input.type in {"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"}
	some e in egress
	msg := sprintf("security group %q allows egress to %s", [input.name, concat(", ", e.cidrs)])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# egress holds the egress rules of the document open to the whole internet:
# {cidrs, location}.
egress contains e if {
	input.type == "aws_security_group"
	some rule in input.resource.egress
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	e := open_to(rule, key, egress_loc(rule, key))
}

egress contains e if {
	input.type == "aws_security_group_rule"
	rule := input.resource
	rule.type == "egress"
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	e := open_to(rule, key, lib.attr_loc(rule, key))
}

egress contains e if {
	input.type == "aws_vpc_security_group_egress_rule"
	rule := input.resource
	some key in ["cidr_ipv4", "cidr_ipv6"]
	e := open_to(rule, key, lib.attr_loc(rule, key))
}

open_to(rule, key, location) := {"cidrs": cidrs, "location": location} if {
	cidrs := [c | some c in helpers.strings_of(rule[key]); c in open_cidrs]
	count(cidrs) > 0
}

egress_loc(rule, key) := lib.attr_loc(rule, key) if rule.__loc

else := lib.attr_loc(input.resource, "egress")

# METADATA
# title: Default security group allows traffic
# description: |
#   An aws_default_security_group declares ingress or egress rules. Resources launched
#   without an explicit security group land in the default group, and its rules then
#   open them to each other and to the outside unnoticed. Declaring the resource with no
#   ingress and no egress block removes every rule, which is the expected form.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group
# custom:
#   id: TG-AWS-048
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Remove the ingress and egress blocks of aws_default_security_group so that it allows nothing, and give every resource a purpose-built security group.
#   frameworks:
#     cis-aws-2.0: ["5.4"]
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_default_security_group"
	some direction in ["ingress", "egress"]
	some rule in input.resource[direction]
	msg := sprintf("default security group %q allows %s traffic", [input.name, direction])
	finding := lib.finding(rego.metadata.rule(), rule_loc(rule, direction), msg)
}

# The block's own lines; blocks written as an attribute value (ingress = [{...}]) may
# carry no position of their own.
rule_loc(rule, direction) := lib.loc(rule) if rule.__loc

else := lib.attr_loc(input.resource, direction)

admin_ports contains p if {
	some p in lib.param("admin_ports")
	is_number(p)
	not p in reported_by_tg_aws_002
}

# ingress holds the internet-facing ingress rules of the document:
# {protocol: all|tcp|udp, from, to, cidrs, location}.
ingress contains e if {
	input.type == "aws_security_group"
	some rule in input.resource.ingress
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	e := entry(rule, rule.protocol, key, inline_loc(rule, key))
}

ingress contains e if {
	input.type == "aws_security_group_rule"
	rule := input.resource
	rule.type == "ingress"
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	e := entry(rule, rule.protocol, key, lib.attr_loc(rule, key))
}

ingress contains e if {
	input.type == "aws_vpc_security_group_ingress_rule"
	rule := input.resource
	some key in ["cidr_ipv4", "cidr_ipv6"]
	e := entry(rule, rule.ip_protocol, key, lib.attr_loc(rule, key))
}

entry(rule, protocol, key, location) := {"protocol": p, "from": r[0], "to": r[1], "cidrs": cidrs, "location": location} if {
	cidrs := [c | some c in helpers.strings_of(rule[key]); c in open_cidrs]
	count(cidrs) > 0
	p := protocol_name(protocol)
	r := port_range(rule, p)
}

protocol_name(p) := "all" if lower(sprintf("%v", [p])) in {"-1", "all"}

protocol_name(p) := "tcp" if lower(sprintf("%v", [p])) in {"tcp", "6"}

protocol_name(p) := "udp" if lower(sprintf("%v", [p])) in {"udp", "17"}

# Protocol -1 opens every port whatever from_port and to_port say.
port_range(_, "all") := [0, 65535]

port_range(rule, p) := [helpers.number(rule.from_port), helpers.number(rule.to_port)] if p in {"tcp", "udp"}

all_ports(e) if {
	e.from <= 1
	e.to >= 65535
}

covers(e, port, protocols) if {
	e.protocol in protocols
	e.from <= port
	port <= e.to
}

# The lines of the CIDR attribute of an inline ingress block; blocks written as an
# attribute value (ingress = [{...}]) may carry no position of their own.
inline_loc(rule, key) := lib.attr_loc(rule, key) if rule.__loc

else := lib.attr_loc(input.resource, "ingress")

plural(list) := "s" if count(list) > 1

else := ""
