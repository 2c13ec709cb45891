package tollgate.access.cloudformation.security_group_exposure

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

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

all_text := {"all": "all protocols and ports", "tcp": "all TCP ports", "udp": "all UDP ports"}

# METADATA
# title: CloudFormation security group exposes a database port to the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 (CidrIp, CidrIpv6) covers a TCP port of a
#   database or data store: SQL Server 1433, Oracle 1521, MySQL 3306, PostgreSQL 5432,
#   Redshift 5439, Redis 6379, Cassandra 9042, Elasticsearch/OpenSearch 9200, Memcached
#   11211, MongoDB/DocumentDB 27017. Internet scanners find such ports within minutes, and
#   many of these engines ship without authentication. Checked on the
#   SecurityGroupIngress of AWS::EC2::SecurityGroup and on AWS::EC2::SecurityGroupIngress;
#   rules open on every port are reported by TG-CFN-016.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-ingress.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
# custom:
#   id: TG-CFN-015
#   severity: high
#   category: access
#   provider: aws
#   remediation: Allow the database port only from the application's security group (SourceSecurityGroupId) or from private CIDR ranges.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1", "1.4.4"]
deny contains finding if {
	input.type in {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"}
	some e in ingress
	not all_ports(e)
	exposed := [sprintf("%s (%d)", [database_ports[port], port]) | some port in sort(object.keys(database_ports)); covers(e, port)]
	count(exposed) > 0
	msg := sprintf("security group %q allows ingress to %s from %s", [input.name, concat(", ", exposed), e.cidr])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# METADATA
# title: CloudFormation security group allows all ports from the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 (CidrIp, CidrIpv6) allows every protocol
#   (IpProtocol -1) or every TCP or UDP port (0 or 1 to 65535): every service listening
#   on the attached instances, including ones started by mistake or by an attacker, is
#   reachable from anywhere. Checked on the SecurityGroupIngress of
#   AWS::EC2::SecurityGroup and on AWS::EC2::SecurityGroupIngress.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-ingress.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
# custom:
#   id: TG-CFN-016
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
	input.type in {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"}
	some e in ingress
	all_ports(e)
	msg := sprintf("security group %q allows ingress on %s from %s", [input.name, all_text[e.protocol], e.cidr])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# rules are the ingress rules of the document.
rules contains rule if {
	input.type == "AWS::EC2::SecurityGroup"
	some rule in input.resource.Properties.SecurityGroupIngress
	is_object(rule)
}

rules contains input.resource.Properties if input.type == "AWS::EC2::SecurityGroupIngress"

# ingress holds the internet-facing ingress rules: {protocol: all|tcp|udp, from, to,
# cidr, location}.
ingress contains e if {
	some rule in rules
	some key in ["CidrIp", "CidrIpv6"]
	rule[key] in helpers.open_cidrs
	protocol := protocol_name(rule.IpProtocol)
	ports := port_range(rule, protocol)
	e := {"protocol": protocol, "from": ports[0], "to": ports[1], "cidr": rule[key], "location": lib.attr_loc(rule, key)}
}

protocol_name(p) := "all" if lower(sprintf("%v", [p])) in {"-1", "all"}

protocol_name(p) := "tcp" if lower(sprintf("%v", [p])) in {"tcp", "6"}

protocol_name(p) := "udp" if lower(sprintf("%v", [p])) in {"udp", "17"}

# IpProtocol -1 opens every port whatever FromPort and ToPort say.
port_range(_, "all") := [0, 65535]

port_range(rule, protocol) := [helpers.number(rule.FromPort), helpers.number(rule.ToPort)] if protocol in {"tcp", "udp"}

all_ports(e) if {
	e.from <= 1
	e.to >= 65535
}

covers(e, port) if {
	e.protocol == "tcp"
	e.from <= port
	port <= e.to
}
