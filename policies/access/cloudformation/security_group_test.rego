package tollgate.access.cloudformation.security_group_test

import data.tollgate.access.cloudformation.security_group
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#   BastionSG:                                # line 40
#     Type: AWS::EC2::SecurityGroup           # line 41
#     Properties:                             # line 42
#       GroupDescription: bastion             # line 43
#       SecurityGroupIngress:                 # line 44
#         - IpProtocol: PROTOCOL              # line 45
#           FromPort: FROM                    # line 46
#           ToPort: TO                        # line 47
#           CidrIp: CIDR                      # line 48
group(protocol, from, to, cidr) := {
	"format": "cloudformation",
	"type": "AWS::EC2::SecurityGroup",
	"name": "BastionSG",
	"address": "BastionSG",
	"path": "net.yaml",
	"resource": {
		"Type": "AWS::EC2::SecurityGroup",
		"Properties": {
			"GroupDescription": "bastion",
			"SecurityGroupIngress": [ingress(protocol, from, to, cidr)],
			"__loc": {
				"path": "net.yaml", "start_line": 42, "end_line": 48,
				"attrs": {
					"GroupDescription": {"start_line": 43, "end_line": 43},
					"SecurityGroupIngress": {"start_line": 44, "end_line": 48},
				},
			},
		},
		"__loc": {"path": "net.yaml", "start_line": 40, "end_line": 48, "attrs": {"Type": {"start_line": 41, "end_line": 41}}},
	},
}

ingress(protocol, from, to, cidr) := {
	"IpProtocol": protocol,
	"FromPort": from,
	"ToPort": to,
	"CidrIp": cidr,
	"__loc": {
		"path": "net.yaml", "start_line": 45, "end_line": 48,
		"attrs": {
			"IpProtocol": {"start_line": 45, "end_line": 45},
			"FromPort": {"start_line": 46, "end_line": 46},
			"ToPort": {"start_line": 47, "end_line": 47},
			"CidrIp": {"start_line": 48, "end_line": 48},
		},
	},
}

test_tg_cfn_005_violation if {
	findings := security_group.deny with input as group("tcp", 22, 22, "0.0.0.0/0")
	some f in findings
	f.rule_id == "TG-CFN-005"
	f.location == {"path": "net.yaml", "start_line": 48, "end_line": 48}
	f.message == `security group "BastionSG" allows ingress to SSH (port 22) from 0.0.0.0/0`
}

test_tg_cfn_005_compliant if {
	count(ids(security_group.deny, "TG-CFN-005")) == 0 with input as group("tcp", 22, 22, "10.0.0.0/8")
	count(ids(security_group.deny, "TG-CFN-005")) == 0 with input as group("tcp", 443, 443, "0.0.0.0/0")
	count(ids(security_group.deny, "TG-CFN-005")) == 0 with input as group("udp", 22, 22, "0.0.0.0/0")
}

test_tg_cfn_005_all_protocols if {
	findings := security_group.deny with input as group("-1", -1, -1, "0.0.0.0/0")
	some f in findings
	f.message == `security group "BastionSG" allows ingress to RDP (port 3389) and SSH (port 22) from 0.0.0.0/0`
	count(ids(security_group.deny, "TG-CFN-005")) == 1 with input as group(-1, null, null, "0.0.0.0/0")
}

test_tg_cfn_005_port_range_as_strings if {
	count(ids(security_group.deny, "TG-CFN-005")) == 1 with input as group("6", "0", "65535", "0.0.0.0/0")
}

test_tg_cfn_005_ipv6 if {
	doc := json.patch(group("tcp", 3389, 3389, "10.0.0.0/8"), [
		{"op": "add", "path": "/resource/Properties/SecurityGroupIngress/0/CidrIpv6", "value": "::/0"},
		{"op": "add", "path": "/resource/Properties/SecurityGroupIngress/0/__loc/attrs/CidrIpv6", "value": {"start_line": 49, "end_line": 49}},
	])
	findings := security_group.deny with input as doc
	some f in findings
	f.location == {"path": "net.yaml", "start_line": 49, "end_line": 49}
	f.message == `security group "BastionSG" allows ingress to RDP (port 3389) from ::/0`
}

test_tg_cfn_005_standalone_ingress if {
	doc := {
		"format": "cloudformation",
		"type": "AWS::EC2::SecurityGroupIngress",
		"name": "SshIn",
		"address": "SshIn",
		"path": "net.yaml",
		"resource": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": ingress("tcp", 20, 30, "0.0.0.0/0")},
	}
	findings := security_group.deny with input as doc
	some f in findings
	f.rule_id == "TG-CFN-005"
	f.location == {"path": "net.yaml", "start_line": 48, "end_line": 48}
}

test_tg_cfn_005_admin_ports_param if {
	doc := group("tcp", 5432, 5432, "0.0.0.0/0")
	count(ids(security_group.deny, "TG-CFN-005")) == 0 with input as doc
	findings := security_group.deny with input as doc with data.config.params as {"admin_ports": [5432]}
	some f in findings
	f.message == `security group "BastionSG" allows ingress to port 5432 from 0.0.0.0/0`
}
