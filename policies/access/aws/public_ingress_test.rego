package tollgate.access.aws.public_ingress_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.public_ingress
import rego.v1

# resource "aws_security_group_rule" "web" {   # line 1
#   type        = TYPE                         # line 2
#   protocol    = PROTO                        # line 3
#   from_port   = FROM                         # line 4
#   to_port     = TO                           # line 5
#   cidr_blocks = CIDRS                        # line 6
# }                                            # line 7
sgr(attrs) := fx.doc("aws_security_group_rule", "web", fx.block(1, 7, object.union({"type": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]}, attrs), {"type": 2, "protocol": 3, "from_port": 4, "to_port": 5, "cidr_blocks": 6}))

# resource "aws_security_group" "web" {        # line 1
#   ingress {                                  # lines 2-7
#     protocol = "tcp", from_port/to_port = P  # lines 3-5
#     cidr_blocks = ["0.0.0.0/0"]              # line 6
#   }
#   ingress { ... port 22 ... }                # lines 8-13, cidr_blocks line 12
# }                                            # line 14
sg_block(start, port) := fx.block(start, start + 5, {"protocol": "tcp", "from_port": port, "to_port": port, "cidr_blocks": ["0.0.0.0/0"]}, {"protocol": start + 1, "from_port": start + 2, "to_port": start + 3, "cidr_blocks": start + 4})

sg := fx.doc("aws_security_group", "web", fx.block(1, 14, {"ingress": [sg_block(2, 443), sg_block(8, 22)]}, {}))

# resource "aws_vpc_security_group_ingress_rule" "web" {  # line 1
#   ip_protocol = PROTO                                   # line 2
#   from_port   = FROM                                    # line 3
#   to_port     = TO                                      # line 4
#   cidr_ipv6   = "::/0"                                  # line 5
# }                                                       # line 6
vpc_rule(attrs) := fx.doc("aws_vpc_security_group_ingress_rule", "web", fx.block(1, 6, object.union({"ip_protocol": "udp", "from_port": 53, "to_port": 53, "cidr_ipv6": "::/0"}, attrs), {"ip_protocol": 2, "from_port": 3, "to_port": 4, "cidr_ipv6": 5}))

test_tg_aws_601_violation if {
	findings := public_ingress.deny with input as sgr({})
	fx.found(findings, "TG-AWS-601", fx.at(6), `security group "web" accepts ingress on TCP port 443 from 0.0.0.0/0`)
	count(findings) == 1

	inline := public_ingress.deny with input as sg
	fx.found(inline, "TG-AWS-601", fx.at(6), `security group "web" accepts ingress on TCP port 443 from 0.0.0.0/0`)
	count(inline) == 1 # the SSH block is TG-AWS-002's

	v6 := public_ingress.deny with input as vpc_rule({})
	fx.found(v6, "TG-AWS-601", fx.at(5), `security group "web" accepts ingress on UDP port 53 from ::/0`)

	range := public_ingress.deny with input as sgr({"from_port": 8000, "to_port": 8100, "protocol": "6"})
	fx.found(range, "TG-AWS-601", fx.at(6), `security group "web" accepts ingress on TCP ports 8000-8100 from 0.0.0.0/0`)

	icmp := public_ingress.deny with input as sgr({"from_port": -1, "to_port": -1, "protocol": "icmp"})
	fx.found(icmp, "TG-AWS-601", fx.at(6), `security group "web" accepts ingress over ICMP from 0.0.0.0/0`)
}

test_tg_aws_601_compliant if {
	count(public_ingress.deny) == 0 with input as sgr({"cidr_blocks": ["10.0.0.0/8"]})
	count(public_ingress.deny) == 0 with input as sgr({"type": "egress"})
	count(public_ingress.deny) == 0 with input as sgr({"cidr_blocks": fx.unknown})

	# Reported by the administration, database and all-ports rules, not again here.
	count(public_ingress.deny) == 0 with input as sgr({"from_port": 22, "to_port": 22})
	count(public_ingress.deny) == 0 with input as sgr({"from_port": 5432, "to_port": 5432})
	count(public_ingress.deny) == 0 with input as vpc_rule({"ip_protocol": "-1", "from_port": fx.unknown, "to_port": fx.unknown})
}

# resource "aws_network_acl_rule" "web" {   # line 1
#   egress      = EGRESS                    # line 2
#   rule_action = ACTION                    # line 3
#   rule_number = 100                       # line 4
#   protocol    = PROTO                     # line 5
#   from_port   = FROM                      # line 6
#   to_port     = TO                        # line 7
#   cidr_block  = CIDR                      # line 8
# }                                         # line 9
acl_rule(attrs) := fx.doc("aws_network_acl_rule", "web", fx.block(1, 9, object.union({"rule_action": "allow", "rule_number": 100, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_block": "0.0.0.0/0"}, attrs), {"egress": 2, "rule_action": 3, "rule_number": 4, "protocol": 5, "from_port": 6, "to_port": 7, "cidr_block": 8}))

# resource "aws_network_acl" "public" {     # line 1
#   ingress { rule_no = 100 ... }           # lines 2-9, cidr_block line 8
#   ingress { rule_no = 200 ... }           # lines 10-17, cidr_block line 16
# }                                         # line 18
acl_entry(start, attrs) := fx.block(start, start + 7, object.union({"rule_no": 100, "action": "allow", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_block": "0.0.0.0/0"}, attrs), {"rule_no": start + 1, "action": start + 2, "protocol": start + 3, "from_port": start + 4, "to_port": start + 5, "cidr_block": start + 6})

acl(first, second) := fx.doc("aws_network_acl", "public", fx.block(1, 18, {"ingress": [acl_entry(2, first), acl_entry(10, second)]}, {}))

test_tg_aws_602_violation if {
	findings := public_ingress.deny with input as acl_rule({})
	fx.found(findings, "TG-AWS-602", fx.at(8), `network ACL "web" allows ingress on TCP port 443 from 0.0.0.0/0`)
	count(findings) == 1

	explicit := public_ingress.deny with input as acl_rule({"egress": false, "cidr_block": "::/0", "from_port": 1024, "to_port": 2048})
	fx.found(explicit, "TG-AWS-602", fx.at(8), `network ACL "web" allows ingress on TCP ports 1024-2048 from ::/0`)

	# The deny entry (rule 100) only covers port 80: the allow entry for 443 passes.
	inline := public_ingress.deny with input as acl({"action": "deny", "from_port": 80, "to_port": 80}, {"rule_no": 200})
	fx.found(inline, "TG-AWS-602", fx.at(16), `network ACL "public" allows ingress on TCP port 443 from 0.0.0.0/0`)
	count(inline) == 1
}

test_tg_aws_602_compliant if {
	count(public_ingress.deny) == 0 with input as acl_rule({"egress": true})
	count(public_ingress.deny) == 0 with input as acl_rule({"egress": fx.unknown})
	count(public_ingress.deny) == 0 with input as acl_rule({"rule_action": "deny"})
	count(public_ingress.deny) == 0 with input as acl_rule({"cidr_block": "10.0.0.0/16"})

	# Reported by TG-AWS-049 (SSH) and TG-AWS-250 (every port), not again here.
	count(public_ingress.deny) == 0 with input as acl_rule({"from_port": 22, "to_port": 22})
	count(public_ingress.deny) == 0 with input as acl_rule({"protocol": "-1", "from_port": 0, "to_port": 0})

	# A lower-numbered deny of every protocol from the same source wins.
	count(public_ingress.deny) == 0 with input as acl({"action": "deny", "protocol": "-1", "from_port": 0, "to_port": 0}, {"rule_no": 200})
}
