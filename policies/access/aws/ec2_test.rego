package tollgate.access.aws.ec2_test

import data.tollgate.access.aws.ec2
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_instance" "web" {                  # line 1
#   ami                         = "ami-0abc1234"   # line 2
#   instance_type               = "t3.micro"       # line 3
#   associate_public_ip_address = PUBLIC           # line 4
#   metadata_options {                             # line 5
#     http_endpoint = ENDPOINT                     # line 6
#     http_tokens   = TOKENS                       # line 7
#   }                                              # line 8
# }                                                # line 9
instance(attrs) := fx.doc("aws_instance", "web", fx.block(
	1, 9, object.union(
		{"ami": "ami-0abc1234", "instance_type": "t3.micro"},
		attrs,
	),
	{"ami": 2, "instance_type": 3, "associate_public_ip_address": 4},
))

metadata(attrs) := {"metadata_options": [fx.block(5, 8, attrs, {"http_endpoint": 6, "http_tokens": 7})]}

test_tg_aws_065_violation if {
	findings := ec2.deny with input as instance(metadata({"http_tokens": "optional"}))
	fx.found(findings, "TG-AWS-065", fx.at(7), `EC2 instance "web" allows IMDSv1 (http_tokens = "optional")`)
	count(findings) == 1
}

test_tg_aws_065_compliant if {
	count(ec2.deny) == 0 with input as instance(metadata({"http_tokens": "required"}))
	count(ec2.deny) == 0 with input as instance(metadata({"http_endpoint": "disabled"}))
}

test_tg_aws_065_defaults_fire if {
	fx.found(ec2.deny, "TG-AWS-065", fx.span(1, 9), `EC2 instance "web" allows IMDSv1 (metadata_options is not set, http_tokens defaults to optional)`) with input as instance({})
	fx.found(ec2.deny, "TG-AWS-065", fx.span(5, 8), `EC2 instance "web" allows IMDSv1 (http_tokens is not set, default optional)`) with input as instance(metadata({"http_endpoint": "enabled"}))
}

test_tg_aws_065_unknown_does_not_fire if {
	count(ec2.deny) == 0 with input as instance(metadata({"http_tokens": fx.unknown}))
	unknown_block := fx.doc("aws_instance", "web", fx.block(1, 9, {"metadata_options": fx.unknown}, {"metadata_options": [5, 8]}))
	count(ec2.deny) == 0 with input as unknown_block
}

test_tg_aws_066_violation if {
	findings := ec2.deny with input as instance(object.union(metadata({"http_tokens": "required"}), {"associate_public_ip_address": true}))
	fx.found(findings, "TG-AWS-066", fx.at(4), `EC2 instance "web" gets a public IP address (associate_public_ip_address = true)`)
	count(findings) == 1
}

test_tg_aws_066_compliant if {
	count(ec2.deny) == 0 with input as instance(object.union(metadata({"http_tokens": "required"}), {"associate_public_ip_address": false}))
	count(ec2.deny) == 0 with input as instance(object.union(metadata({"http_tokens": "required"}), {"associate_public_ip_address": fx.unknown}))
}

# resource "aws_launch_template" "web" {          # line 1
#   name = "web"                                  # line 2
#   network_interfaces {                          # line 3
#     associate_public_ip_address = "true"        # line 4
#   }                                             # line 5
#   metadata_options {                            # line 6
#     http_tokens = "required"                    # line 7
#   }                                             # line 8
# }                                               # line 9
test_tg_aws_066_launch_template if {
	d := fx.doc("aws_launch_template", "web", fx.block(
		1, 9, {
			"name": "web",
			"network_interfaces": [fx.block(3, 5, {"associate_public_ip_address": "true"}, {"associate_public_ip_address": 4})],
			"metadata_options": [fx.block(6, 8, {"http_tokens": "required"}, {"http_tokens": 7})],
		},
		{"name": 2},
	))
	findings := ec2.deny with input as d
	fx.found(findings, "TG-AWS-066", fx.at(4), `launch template "web" gets a public IP address (associate_public_ip_address = true)`)
	count(findings) == 1
}
