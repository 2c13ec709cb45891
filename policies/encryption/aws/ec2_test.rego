package tollgate.encryption.aws.ec2_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.ec2
import rego.v1

# resource "aws_instance" "web" {         # line 1
#   ami           = "ami-0abc1234"        # line 2
#   instance_type = "t3.micro"            # line 3
#   root_block_device {                   # line 4
#     volume_size = 20                    # line 5
#     encrypted   = ROOT                  # line 6
#   }                                     # line 7
#   ebs_block_device {                    # line 8
#     device_name = "/dev/sdf"            # line 9
#     snapshot_id = SNAPSHOT              # line 10
#     encrypted   = DATA                  # line 11
#   }                                     # line 12
# }                                       # line 13
instance(root, data_device) := fx.doc("aws_instance", "web", fx.block(
	1, 13, {
		"ami": "ami-0abc1234",
		"instance_type": "t3.micro",
		"root_block_device": [fx.block(4, 7, object.union({"volume_size": 20}, root), {"volume_size": 5, "encrypted": 6})],
		"ebs_block_device": [fx.block(8, 12, object.union({"device_name": "/dev/sdf"}, data_device), {"device_name": 9, "snapshot_id": 10, "encrypted": 11})],
	},
	{"ami": 2, "instance_type": 3},
))

encrypted := {"encrypted": true}

test_tg_aws_120_violation if {
	findings := ec2.deny with input as instance(encrypted, {"encrypted": false})
	fx.found(findings, "TG-AWS-120", fx.at(11), `EC2 instance "web" has an unencrypted ebs_block_device /dev/sdf (encrypted = false)`)
	count(findings) == 1
}

test_tg_aws_120_compliant if {
	count(ec2.deny) == 0 with input as instance(encrypted, encrypted)
	count(ec2.deny) == 0 with input as instance(encrypted, {"snapshot_id": "snap-0123456789abcdef0"})
}

test_tg_aws_120_default_fires if {
	fx.found(ec2.deny, "TG-AWS-120", fx.span(4, 7), `EC2 instance "web" has an unencrypted root_block_device (encrypted is not set, default false)`) with input as instance({}, encrypted)
	count(ec2.deny) == 1 with input as instance(encrypted, {"snapshot_id": "snap-0123456789abcdef0", "encrypted": false})
}

test_tg_aws_120_unknown_does_not_fire if {
	count(ec2.deny) == 0 with input as instance({"encrypted": fx.unknown}, encrypted)
}

# resource "aws_launch_template" "web" {    # line 1
#   name = "web"                            # line 2
#   block_device_mappings {                 # line 3
#     device_name = "/dev/xvda"             # line 4
#     ebs {                                 # line 5
#       volume_size = 20                    # line 6
#       encrypted   = "false"               # line 7
#     }                                     # line 8
#   }                                       # line 9
# }                                         # line 10
test_tg_aws_120_launch_template if {
	ebs := fx.block(5, 8, {"volume_size": 20, "encrypted": "false"}, {"volume_size": 6, "encrypted": 7})
	d := fx.doc("aws_launch_template", "web", fx.block(
		1, 10, {
			"name": "web",
			"block_device_mappings": [fx.block(3, 9, {"device_name": "/dev/xvda", "ebs": [ebs]}, {"device_name": 4})],
		},
		{"name": 2},
	))
	fx.found(ec2.deny, "TG-AWS-120", fx.at(7), `launch template "web" has an unencrypted EBS volume /dev/xvda (encrypted = false)`) with input as d
}

# resource "aws_launch_configuration" "lc" {   # line 1
#   image_id      = "ami-0abc1234"             # line 2
#   instance_type = "t3.micro"                 # line 3
# }                                            # line 4
bare(type, extra) := fx.doc(type, "lc", fx.block(1, 4, object.union({"image_id": "ami-0abc1234", "instance_type": "t3.micro"}, extra), {"image_id": 2, "instance_type": 3, "root_block_device": 3}))

test_tg_aws_120_no_root_block_device if {
	fx.found(ec2.deny, "TG-AWS-120", fx.span(1, 4), `launch configuration "lc" has an unencrypted root volume (no root_block_device block: the root volume is created from the AMI with encrypted = false)`) with input as bare("aws_launch_configuration", {})
	count(ec2.deny) == 1 with input as bare("aws_instance", {})
	count(ec2.deny) == 1 with input as bare("aws_instance", {"root_block_device": []})
}

test_tg_aws_120_no_root_block_device_unknown_does_not_fire if {
	count(ec2.deny) == 0 with input as bare("aws_instance", {"root_block_device": fx.unknown})
	count(ec2.deny) == 0 with input as bare("aws_launch_template", {})
}
