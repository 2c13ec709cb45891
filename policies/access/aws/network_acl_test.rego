package tollgate.access.aws.network_acl_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.network_acl
import rego.v1

# resource "aws_network_acl" "public" {    # line 1
#   vpc_id = aws_vpc.main.id               # line 2 (unknown)
#   ingress {                              # line 3
#     rule_no    = 100                     # line 4
#     action     = "allow"                 # line 5
#     protocol   = "tcp"                   # line 6
#     cidr_block = "0.0.0.0/0"             # line 7
#     from_port  = FROM                    # line 8
#     to_port    = TO                      # line 9
#   }                                      # line 10
#   ingress {                              # line 11
#     rule_no    = 90                      # line 12
#     action     = "deny"                  # line 13
#     protocol   = "-1"                    # line 14
#     cidr_block = "0.0.0.0/0"             # line 15
#     from_port  = 0                       # line 16
#     to_port    = 0                       # line 17
#   }                                      # line 18 (only when deny_first)
# }                                        # line 19
entry_lines(first) := {"rule_no": first + 1, "action": first + 2, "protocol": first + 3, "cidr_block": first + 4, "from_port": first + 5, "to_port": first + 6}

allow(from, to) := fx.block(3, 10, {"rule_no": 100, "action": "allow", "protocol": "tcp", "cidr_block": "0.0.0.0/0", "from_port": from, "to_port": to}, entry_lines(3))

deny_all := fx.block(11, 18, {"rule_no": 90, "action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}, entry_lines(11))

acl(entries) := fx.doc("aws_network_acl", "public", fx.block(1, 19, {"vpc_id": fx.unknown, "ingress": entries}, {"vpc_id": 2}))

test_tg_aws_049_violation if {
	findings := network_acl.deny with input as acl([allow(0, 65535)])
	fx.found(findings, "TG-AWS-049", fx.at(7), `network ACL "public" allows ingress to administration ports 22, 3389 from 0.0.0.0/0`)
	count(fx.ids(findings, "TG-AWS-049")) == 1
}

test_tg_aws_049_compliant if {
	count(network_acl.deny) == 0 with input as acl([allow(443, 443)])
	count(network_acl.deny) == 0 with input as acl([allow(0, 65535), deny_all])
}

test_tg_aws_049_later_deny_does_not_help if {
	late_deny := json.patch(deny_all, [{"op": "replace", "path": "/rule_no", "value": 200}])
	count(fx.ids(network_acl.deny, "TG-AWS-049")) == 1 with input as acl([allow(22, 22), late_deny])
}

test_tg_aws_049_param if {
	findings := network_acl.deny with input as acl([allow(5985, 5985)]) with data.config.params as {"admin_ports": [5985]}
	fx.found(findings, "TG-AWS-049", fx.at(7), `network ACL "public" allows ingress to administration port 5985 from 0.0.0.0/0`)
}

# resource "aws_network_acl_rule" "ssh" {   # line 1
#   network_acl_id = aws_network_acl.x.id   # line 2 (unknown)
#   rule_number    = 100                    # line 3
#   egress         = EGRESS                 # line 4
#   protocol       = "6"                    # line 5
#   rule_action    = "allow"                # line 6
#   cidr_block     = "0.0.0.0/0"            # line 7
#   from_port      = 22                     # line 8
#   to_port        = 22                     # line 9
# }                                         # line 10
acl_rule(attrs) := fx.doc("aws_network_acl_rule", "ssh", fx.block(
	1, 10, object.union(
		{"network_acl_id": fx.unknown, "rule_number": 100, "protocol": "6", "rule_action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22},
		attrs,
	),
	{"network_acl_id": 2, "rule_number": 3, "egress": 4, "protocol": 5, "rule_action": 6, "cidr_block": 7, "from_port": 8, "to_port": 9},
))

test_tg_aws_049_rule_resource if {
	fx.found(network_acl.deny, "TG-AWS-049", fx.at(7), `network ACL "ssh" allows ingress to administration port 22 from 0.0.0.0/0`) with input as acl_rule({})
	count(network_acl.deny) == 0 with input as acl_rule({"egress": true})
	count(network_acl.deny) == 0 with input as acl_rule({"egress": fx.unknown})
	count(network_acl.deny) == 0 with input as acl_rule({"rule_action": "deny"})
}

test_tg_aws_250_violation if {
	findings := network_acl.deny with input as acl([allow(0, 65535)])
	fx.found(findings, "TG-AWS-250", fx.at(7), `network ACL "public" allows ingress on every port from 0.0.0.0/0`)
	count(fx.ids(findings, "TG-AWS-250")) == 1
}

test_tg_aws_250_egress_block if {
	d := fx.doc("aws_network_acl", "public", fx.block(1, 19, {"vpc_id": fx.unknown, "egress": [deny_all]}, {"vpc_id": 2}))
	count(network_acl.deny) == 0 with input as d
	all_out := json.patch(deny_all, [{"op": "replace", "path": "/action", "value": "allow"}])
	out := fx.doc("aws_network_acl", "public", fx.block(1, 19, {"vpc_id": fx.unknown, "egress": [all_out]}, {"vpc_id": 2}))
	fx.found(network_acl.deny, "TG-AWS-250", fx.at(15), `network ACL "public" allows egress on every port to 0.0.0.0/0`) with input as out
}

test_tg_aws_250_rule_resource if {
	all_ports := {"protocol": "-1", "from_port": 0, "to_port": 0}
	fx.found(network_acl.deny, "TG-AWS-250", fx.at(7), `network ACL "ssh" allows ingress on every port from 0.0.0.0/0`) with input as acl_rule(all_ports)
	fx.found(network_acl.deny, "TG-AWS-250", fx.at(7), `network ACL "ssh" allows egress on every port to 0.0.0.0/0`) with input as acl_rule(object.union(all_ports, {"egress": true}))
}

test_tg_aws_250_compliant if {
	count(fx.ids(network_acl.deny, "TG-AWS-250")) == 0 with input as acl([allow(1024, 65535)])
	count(network_acl.deny) == 0 with input as acl([allow(0, 65535), deny_all])
	count(network_acl.deny) == 0 with input as acl_rule({"protocol": "-1", "cidr_block": "10.0.0.0/8"})
	count(network_acl.deny) == 0 with input as acl_rule({"protocol": "-1", "rule_action": "deny"})
	count(network_acl.deny) == 0 with input as acl_rule({"protocol": "-1", "egress": fx.unknown})
	count(network_acl.deny) == 0 with input as acl_rule({"protocol": fx.unknown})
}
