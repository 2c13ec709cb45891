package tollgate.access.cloudformation.security_group

import data.tollgate.lib
import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

service_names := {22: "SSH", 3389: "RDP"}

# METADATA
# title: CloudFormation security group allows SSH or RDP from the internet
# description: |
#   An ingress rule open to 0.0.0.0/0 or ::/0 (CidrIp, CidrIpv6) on an administration port
#   (22 SSH and 3389 RDP by default: parameter admin_ports), or on all ports (IpProtocol -1),
#   exposes remote administration to brute force and exploits from anywhere. Checked on the
#   SecurityGroupIngress of AWS::EC2::SecurityGroup and on AWS::EC2::SecurityGroupIngress.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-ingress.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13
# custom:
#   id: TG-CFN-005
#   severity: high
#   category: access
#   provider: aws
#   remediation: Restrict CidrIp/CidrIpv6 to known administration networks, or reach instances through AWS Systems Manager Session Manager or a bastion instead.
#   frameworks:
#     cis-aws-2.0: ["5.2", "5.3"]
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"}
	some v in open_admin_ingress
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

open_admin_ingress contains v if {
	input.type == "AWS::EC2::SecurityGroup"
	some rule in input.resource.Properties.SecurityGroupIngress
	v := violation(rule)
}

open_admin_ingress contains v if {
	input.type == "AWS::EC2::SecurityGroupIngress"
	v := violation(input.resource.Properties)
}

violation(rule) := {"location": lib.attr_loc(rule, key), "message": msg} if {
	some key in ["CidrIp", "CidrIpv6"]
	rule[key] in open_cidrs
	exposed := sort({describe(port) | some port in admin_ports; covers(rule, port)})
	count(exposed) > 0
	msg := sprintf("security group %q allows ingress to %s from %s", [input.name, concat(" and ", exposed), rule[key]])
}

admin_ports := {n | some p in lib.param("admin_ports"); n := port_number(p)}

describe(port) := sprintf("%s (port %d)", [service_names[port], port])

describe(port) := sprintf("port %d", [port]) if not service_names[port]

protocol(rule) := lower(sprintf("%v", [rule.IpProtocol]))

# IpProtocol -1 ("all") opens every port whatever FromPort and ToPort say.
covers(rule, _) if protocol(rule) in {"-1", "all"}

covers(rule, port) if {
	protocol(rule) in {"tcp", "6"}
	port_number(rule.FromPort) <= port
	port <= port_number(rule.ToPort)
}

port_number(x) := x if is_number(x)

port_number(x) := to_number(x) if {
	is_string(x)
	regex.match(`^-?[0-9]+$`, x)
}
