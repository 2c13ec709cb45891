package tollgate.access.aws.security_group_exposure_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.security_group_exposure as sg
import rego.v1

# resource "aws_security_group" "app" {     # line 1
#   name = "app"                            # line 2
#   ingress {                               # line 3
#     from_port        = FROM               # line 4
#     to_port          = TO                 # line 5
#     protocol         = PROTOCOL           # line 6
#     cidr_blocks      = CIDRS              # line 7
#     ipv6_cidr_blocks = CIDRS6             # line 8
#   }                                       # line 9
# }                                         # line 10
ingress_lines := {"from_port": 4, "to_port": 5, "protocol": 6, "cidr_blocks": 7, "ipv6_cidr_blocks": 8}

group(rule) := fx.doc("aws_security_group", "app", fx.block(
	1, 10, {
		"name": "app",
		"ingress": [fx.block(3, 9, rule, ingress_lines)],
	},
	{"name": 2},
))

tcp(from, to) := {"from_port": from, "to_port": to, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}

winrm := {"admin_ports": [22, 3389, 5985, 5986]}

# TG-AWS-045

test_tg_aws_045_violation if {
	findings := sg.deny with input as group(tcp(5985, 5986)) with data.config.params as winrm
	fx.found(findings, "TG-AWS-045", fx.at(7), `security group "app" allows ingress to administration ports 5985, 5986 from 0.0.0.0/0`)
	count(findings) == 1
}

test_tg_aws_045_compliant if {
	private := object.union(tcp(5985, 5985), {"cidr_blocks": ["10.0.0.0/8"]})
	count(sg.deny) == 0 with input as group(private) with data.config.params as winrm
	count(sg.deny) == 0 with input as group(tcp(443, 443)) with data.config.params as winrm
}

test_tg_aws_045_ssh_left_to_tg_aws_002 if {
	count(sg.deny) == 0 with input as group(tcp(22, 22))
	count(sg.deny) == 0 with input as group(tcp(22, 22)) with data.config.params as winrm
}

test_tg_aws_045_udp_and_ipv6 if {
	rule := {"from_port": "5900", "to_port": "5900", "protocol": "17", "ipv6_cidr_blocks": ["::/0"]}
	findings := sg.deny with input as group(rule) with data.config.params as {"admin_ports": [5900]}
	fx.found(findings, "TG-AWS-045", fx.at(8), `security group "app" allows ingress to administration port 5900 from ::/0`)
}

test_tg_aws_045_unknown_cidrs_do_not_fire if {
	count(sg.deny) == 0 with input as group(object.union(tcp(5985, 5985), {"cidr_blocks": fx.unknown})) with data.config.params as winrm
}

# TG-AWS-046

test_tg_aws_046_violation if {
	findings := sg.deny with input as group(tcp(5432, 5432))
	fx.found(findings, "TG-AWS-046", fx.at(7), `security group "app" allows ingress to PostgreSQL (5432) from 0.0.0.0/0`)
	count(findings) == 1
}

test_tg_aws_046_compliant if {
	count(sg.deny) == 0 with input as group(object.union(tcp(5432, 5432), {"cidr_blocks": ["10.20.0.0/16"]}))
	count(sg.deny) == 0 with input as group(object.union(tcp(5432, 5432), {"protocol": "udp"}))
}

test_tg_aws_046_range_names_every_database if {
	findings := sg.deny with input as group(tcp(3000, 6400))
	fx.found(findings, "TG-AWS-046", fx.at(7), `security group "app" allows ingress to MySQL (3306), PostgreSQL (5432), Redshift (5439), Redis (6379) from 0.0.0.0/0`)
}

# resource "aws_vpc_security_group_ingress_rule" "redis" {   # line 1
#   security_group_id = aws_security_group.app.id            # line 2 (unknown)
#   cidr_ipv4         = "0.0.0.0/0"                          # line 3
#   from_port         = 6379                                 # line 4
#   to_port           = 6379                                 # line 5
#   ip_protocol       = "tcp"                                # line 6
# }                                                          # line 7
test_tg_aws_046_vpc_ingress_rule if {
	body := {"security_group_id": fx.unknown, "cidr_ipv4": "0.0.0.0/0", "from_port": 6379, "to_port": 6379, "ip_protocol": "tcp"}
	d := fx.doc("aws_vpc_security_group_ingress_rule", "redis", fx.block(1, 7, body, {"security_group_id": 2, "cidr_ipv4": 3, "from_port": 4, "to_port": 5, "ip_protocol": 6}))
	fx.found(sg.deny, "TG-AWS-046", fx.at(3), `security group "redis" allows ingress to Redis (6379) from 0.0.0.0/0`) with input as d
}

# TG-AWS-047

test_tg_aws_047_violation if {
	rule := {"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"]}
	findings := sg.deny with input as group(rule)
	fx.found(findings, "TG-AWS-047", fx.at(7), `security group "app" allows ingress on all protocols and ports from 0.0.0.0/0`)
	fx.found(findings, "TG-AWS-047", fx.at(8), `security group "app" allows ingress on all protocols and ports from ::/0`)
	count(findings) == 2
}

test_tg_aws_047_compliant if {
	count(fx.ids(sg.deny, "TG-AWS-047")) == 0 with input as group(tcp(443, 443))
	count(fx.ids(sg.deny, "TG-AWS-047")) == 0 with input as group(object.union(tcp(0, 65535), {"cidr_blocks": ["10.0.0.0/8"]}))
}

# resource "aws_security_group_rule" "all_tcp" {   # line 1
#   type        = "ingress"                        # line 2
#   from_port   = 0                                # line 3
#   to_port     = 65535                            # line 4
#   protocol    = "tcp"                            # line 5
#   cidr_blocks = ["0.0.0.0/0"]                    # line 6
# }                                                # line 7
test_tg_aws_047_rule_resource_all_tcp if {
	body := object.union(tcp(0, 65535), {"type": "ingress"})
	d := fx.doc("aws_security_group_rule", "all_tcp", fx.block(1, 7, body, {"type": 2, "from_port": 3, "to_port": 4, "protocol": 5, "cidr_blocks": 6}))
	findings := sg.deny with input as d
	fx.found(findings, "TG-AWS-047", fx.at(6), `security group "all_tcp" allows ingress on all TCP ports from 0.0.0.0/0`)
	count(findings) == 1
	egress := json.patch(d, [{"op": "replace", "path": "/resource/type", "value": "egress"}])
	count(fx.ids(sg.deny, "TG-AWS-047")) == 0 with input as egress
}

# TG-AWS-251

test_tg_aws_251_rule_resource if {
	body := object.union(tcp(0, 65535), {"type": "egress"})
	d := fx.doc("aws_security_group_rule", "out", fx.block(1, 7, body, {"type": 2, "from_port": 3, "to_port": 4, "protocol": 5, "cidr_blocks": 6}))
	findings := sg.deny with input as d
	fx.found(findings, "TG-AWS-251", fx.at(6), `security group "out" allows egress to 0.0.0.0/0`)
	count(findings) == 1
	count(sg.deny) == 0 with input as json.patch(d, [{"op": "replace", "path": "/resource/cidr_blocks", "value": ["10.0.0.0/8"]}])
}

# resource "aws_security_group" "app" {     # line 1
#   name = "app"                            # line 2
#   egress {                                # line 3
#     from_port        = 0                  # line 4
#     to_port          = 0                  # line 5
#     protocol         = "-1"               # line 6
#     cidr_blocks      = CIDRS              # line 7
#     ipv6_cidr_blocks = CIDRS6             # line 8
#   }                                       # line 9
# }                                         # line 10
egress_group(rule) := fx.doc("aws_security_group", "app", fx.block(
	1, 10, {
		"name": "app",
		"egress": [fx.block(3, 9, object.union({"from_port": 0, "to_port": 0, "protocol": "-1"}, rule), ingress_lines)],
	},
	{"name": 2},
))

test_tg_aws_251_violation if {
	findings := sg.deny with input as egress_group({"cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"]})
	fx.found(findings, "TG-AWS-251", fx.at(7), `security group "app" allows egress to 0.0.0.0/0`)
	fx.found(findings, "TG-AWS-251", fx.at(8), `security group "app" allows egress to ::/0`)
	count(findings) == 2
	v2 := fx.doc("aws_vpc_security_group_egress_rule", "all", fx.block(1, 5, {"security_group_id": fx.unknown, "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"}, {"security_group_id": 2, "ip_protocol": 3, "cidr_ipv4": 4}))
	fx.found(sg.deny, "TG-AWS-251", fx.at(4), `security group "all" allows egress to 0.0.0.0/0`) with input as v2
}

test_tg_aws_251_compliant if {
	count(sg.deny) == 0 with input as egress_group({"cidr_blocks": ["10.0.0.0/16"]})
	count(sg.deny) == 0 with input as egress_group({"cidr_blocks": fx.unknown})
	count(sg.deny) == 0 with input as egress_group({"prefix_list_ids": ["pl-12345678"]})
}

# TG-AWS-048

# resource "aws_default_security_group" "default" {   # line 1
#   vpc_id = aws_vpc.main.id                          # line 2 (unknown)
#   ingress {                                         # line 3
#     protocol  = -1                                  # line 4
#     self      = true                                # line 5
#     from_port = 0                                   # line 6
#     to_port   = 0                                   # line 7
#   }                                                 # line 8
# }                                                   # line 9
default_sg(blocks) := fx.doc("aws_default_security_group", "default", fx.block(1, 9, object.union({"vpc_id": fx.unknown}, blocks), {"vpc_id": 2}))

self_rule := fx.block(3, 8, {"protocol": -1, "self": true, "from_port": 0, "to_port": 0}, {"protocol": 4, "self": 5, "from_port": 6, "to_port": 7})

test_tg_aws_048_violation if {
	findings := sg.deny with input as default_sg({"ingress": [self_rule]})
	fx.found(findings, "TG-AWS-048", fx.span(3, 8), `default security group "default" allows ingress traffic`)
	count(findings) == 1
}

test_tg_aws_048_compliant if {
	count(sg.deny) == 0 with input as default_sg({})
	count(sg.deny) == 0 with input as default_sg({"ingress": [], "egress": []})
}

test_tg_aws_048_attribute_form_falls_back_to_attribute if {
	d := fx.doc("aws_default_security_group", "default", fx.block(1, 9, {"egress": [{"protocol": "-1"}]}, {"egress": [3, 8]}))
	fx.found(sg.deny, "TG-AWS-048", fx.span(3, 8), `default security group "default" allows egress traffic`) with input as d
}
