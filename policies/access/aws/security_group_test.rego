package tollgate.access.aws.security_group_test

import data.tollgate.access.aws.security_group as sg
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# resource "aws_security_group" "bastion" {          # line 1
#   name = "bastion"                                 # line 2
#   ingress {                                        # line 4
#     from_port   = 443                              # line 5
#     to_port     = 443                              # line 6
#     protocol    = "tcp"                            # line 7
#     cidr_blocks = ["0.0.0.0/0"]                    # line 8
#   }                                                # line 9
#   ingress {                                        # line 10
#     from_port        = FROM                        # line 11
#     to_port          = TO                          # line 12
#     protocol         = PROTO                       # line 13
#     cidr_blocks      = CIDRS                       # line 14
#     ipv6_cidr_blocks = ["::/0"] (when ipv6)        # line 15
#   }                                                # line 16
# }                                                  # line 17
sg_doc(admin) := {
	"format": "terraform",
	"type": "aws_security_group",
	"name": "bastion",
	"address": "aws_security_group.bastion",
	"path": "net/sg.tf",
	"resource": {
		"name": "bastion",
		"ingress": [
			{
				"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"],
				"__loc": {
					"path": "net/sg.tf", "start_line": 4, "end_line": 9,
					"attrs": {
						"from_port": {"start_line": 5, "end_line": 5},
						"to_port": {"start_line": 6, "end_line": 6},
						"protocol": {"start_line": 7, "end_line": 7},
						"cidr_blocks": {"start_line": 8, "end_line": 8},
					},
				},
			},
			object.union(admin, {"__loc": {
				"path": "net/sg.tf", "start_line": 10, "end_line": 16,
				"attrs": {
					"from_port": {"start_line": 11, "end_line": 11},
					"to_port": {"start_line": 12, "end_line": 12},
					"protocol": {"start_line": 13, "end_line": 13},
					"cidr_blocks": {"start_line": 14, "end_line": 14},
					"ipv6_cidr_blocks": {"start_line": 15, "end_line": 15},
				},
			}}),
		],
		"__loc": {
			"path": "net/sg.tf", "start_line": 1, "end_line": 17,
			"attrs": {"name": {"start_line": 2, "end_line": 2}},
		},
	},
}

test_tg_aws_002_violation if {
	findings := sg.deny with input as sg_doc({"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]})
	some f in findings
	f.rule_id == "TG-AWS-002"
	f.location == {"path": "net/sg.tf", "start_line": 14, "end_line": 14}
	f.message == `security group "bastion" allows ingress to SSH (port 22) from 0.0.0.0/0`
	count(ids(findings, "TG-AWS-002")) == 1
}

test_tg_aws_002_compliant if {
	findings := sg.deny with input as sg_doc({"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]})
	count(ids(findings, "TG-AWS-002")) == 0
}

test_tg_aws_002_ipv6_rdp_in_port_range_violation if {
	findings := sg.deny with input as sg_doc({"from_port": "3000", "to_port": "4000", "protocol": "6", "cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": ["::/0"]})
	some f in findings
	f.rule_id == "TG-AWS-002"
	f.location == {"path": "net/sg.tf", "start_line": 15, "end_line": 15}
	f.message == `security group "bastion" allows ingress to RDP (port 3389) from ::/0`
	count(ids(findings, "TG-AWS-002")) == 1
}

test_tg_aws_002_all_traffic_violation if {
	findings := sg.deny with input as sg_doc({"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]})
	some f in findings
	f.rule_id == "TG-AWS-002"
	f.location == {"path": "net/sg.tf", "start_line": 14, "end_line": 14}
	f.message == `security group "bastion" allows ingress to SSH (port 22) and RDP (port 3389) from 0.0.0.0/0`
}

test_tg_aws_002_other_ports_and_protocols_compliant if {
	count(ids(sg.deny, "TG-AWS-002")) == 0 with input as sg_doc({"from_port": 23, "to_port": 3388, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]})
	count(ids(sg.deny, "TG-AWS-002")) == 0 with input as sg_doc({"from_port": 22, "to_port": 22, "protocol": "udp", "cidr_blocks": ["0.0.0.0/0"]})
}

test_tg_aws_002_unknown_cidrs_do_not_fire if {
	count(ids(sg.deny, "TG-AWS-002")) == 0 with input as sg_doc({"from_port": 22, "to_port": 22, "protocol": "tcp"})
}

# resource "aws_security_group_rule" "ssh" {     # line 20
#   type              = "ingress"                # line 21
#   from_port         = 22                       # line 22
#   to_port           = 22                       # line 23
#   protocol          = "tcp"                    # line 24
#   cidr_blocks       = CIDRS                    # line 25
#   security_group_id = aws_security_group.bastion.id  # line 26 (unknown)
# }                                              # line 27
sg_rule(type, cidrs) := {
	"format": "terraform",
	"type": "aws_security_group_rule",
	"name": "ssh",
	"address": "aws_security_group_rule.ssh",
	"path": "net/sg.tf",
	"resource": {
		"type": type, "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": cidrs,
		"__loc": {
			"path": "net/sg.tf", "start_line": 20, "end_line": 27,
			"attrs": {
				"type": {"start_line": 21, "end_line": 21},
				"from_port": {"start_line": 22, "end_line": 22},
				"to_port": {"start_line": 23, "end_line": 23},
				"protocol": {"start_line": 24, "end_line": 24},
				"cidr_blocks": {"start_line": 25, "end_line": 25},
				"security_group_id": {"start_line": 26, "end_line": 26, "unknown": true},
			},
		},
	},
}

test_tg_aws_002_security_group_rule_violation if {
	findings := sg.deny with input as sg_rule("ingress", ["192.0.2.0/24", "0.0.0.0/0"])
	some f in findings
	f.rule_id == "TG-AWS-002"
	f.location == {"path": "net/sg.tf", "start_line": 25, "end_line": 25}
	f.message == `security group "ssh" allows ingress to SSH (port 22) from 0.0.0.0/0`
}

test_tg_aws_002_security_group_rule_egress_compliant if {
	count(ids(sg.deny, "TG-AWS-002")) == 0 with input as sg_rule("egress", ["0.0.0.0/0"])
}

# resource "aws_vpc_security_group_ingress_rule" "rdp" {   # line 30
#   security_group_id = aws_security_group.bastion.id      # line 31 (unknown)
#   cidr_ipv4         = "0.0.0.0/0"                        # line 32
#   ip_protocol       = "tcp"                              # line 33
#   from_port         = 3389                               # line 34
#   to_port           = 3389                               # line 35
# }                                                        # line 36
test_tg_aws_002_vpc_ingress_rule_violation if {
	doc := {
		"format": "terraform",
		"type": "aws_vpc_security_group_ingress_rule",
		"name": "rdp",
		"address": "aws_vpc_security_group_ingress_rule.rdp",
		"path": "net/sg.tf",
		"resource": {
			"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 3389, "to_port": 3389,
			"__loc": {
				"path": "net/sg.tf", "start_line": 30, "end_line": 36,
				"attrs": {
					"security_group_id": {"start_line": 31, "end_line": 31, "unknown": true},
					"cidr_ipv4": {"start_line": 32, "end_line": 32},
					"ip_protocol": {"start_line": 33, "end_line": 33},
					"from_port": {"start_line": 34, "end_line": 34},
					"to_port": {"start_line": 35, "end_line": 35},
				},
			},
		},
	}
	findings := sg.deny with input as doc
	some f in findings
	f.rule_id == "TG-AWS-002"
	f.location == {"path": "net/sg.tf", "start_line": 32, "end_line": 32}
	f.message == `security group "rdp" allows ingress to RDP (port 3389) from 0.0.0.0/0`
}
