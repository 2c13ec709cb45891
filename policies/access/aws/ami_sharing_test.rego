package tollgate.access.aws.ami_sharing_test

import data.tollgate.access.aws.ami_sharing
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_ami_launch_permission" "share" {   # line 1
#   image_id = "ami-12345678"                      # line 2
#   GRANTEE                                        # line 3
# }                                                # line 4
permission(attrs) := fx.doc("aws_ami_launch_permission", "share", fx.block(1, 4, object.union({"image_id": "ami-12345678"}, attrs), {"image_id": 2, "group": 3, "account_id": 3, "organization_arn": 3}))

test_tg_aws_572_violation if {
	findings := ami_sharing.deny with input as permission({"group": "all"})
	fx.found(findings, "TG-AWS-572", fx.at(3), `AMI launch permission "share" makes the image public (group = "all")`)
	count(findings) == 1
}

test_tg_aws_572_compliant if {
	count(fx.ids(ami_sharing.deny, "TG-AWS-572")) == 0 with input as permission({"account_id": "123456789012"})
	count(fx.ids(ami_sharing.deny, "TG-AWS-572")) == 0 with input as permission({"group": fx.unknown})
}

test_tg_aws_573_violation if {
	findings := ami_sharing.deny with input as permission({"account_id": "123456789012"})
	fx.found(findings, "TG-AWS-573", fx.span(1, 4), `AMI launch permission "share" shares the image with account 123456789012`)
	count(findings) == 1
	fx.found(ami_sharing.deny, "TG-AWS-573", fx.span(1, 4), `AMI launch permission "share" shares the image with organization arn:aws:organizations::123456789012:organization/o-1`) with input as permission({"organization_arn": "arn:aws:organizations::123456789012:organization/o-1"})
	fx.found(ami_sharing.deny, "TG-AWS-573", fx.span(1, 4), `AMI launch permission "share" shares the image with another account`) with input as permission({"account_id": fx.unknown})
}

test_tg_aws_573_compliant if {
	count(fx.ids(ami_sharing.deny, "TG-AWS-573")) == 0 with input as permission({"group": "all"})
}

# data "aws_ami" "ubuntu" {                          # line 1
#   most_recent = true                               # line 2
#   OWNERS                                           # line 3
#   filter {                                         # line 4
#     name   = FILTER                                # line 5
#     values = ["ubuntu/images/*"]                   # line 6
#   }                                                # line 7
# }                                                  # line 8
lookup(attrs, filter) := {
	"format": "terraform",
	"type": "data.aws_ami",
	"name": "ubuntu",
	"address": "data.aws_ami.ubuntu",
	"path": fx.path,
	"resource": fx.block(1, 8, object.union({
		"most_recent": true,
		"filter": [fx.block(4, 7, {"name": filter, "values": ["ubuntu/images/*"]}, {"name": 5, "values": 6})],
	}, attrs), {"most_recent": 2, "owners": 3}),
	"related": {},
}

test_tg_aws_574_violation if {
	findings := ami_sharing.deny with input as lookup({}, "name")
	fx.found(findings, "TG-AWS-574", fx.span(1, 8), `AMI lookup "ubuntu" accepts images from any owner (owners is not set)`)
	count(findings) == 1
	fx.found(ami_sharing.deny, "TG-AWS-574", fx.at(3), `AMI lookup "ubuntu" accepts images from any owner (owners = [])`) with input as lookup({"owners": []}, "name")
}

test_tg_aws_574_compliant if {
	count(ami_sharing.deny) == 0 with input as lookup({"owners": ["099720109477"]}, "name")
	count(ami_sharing.deny) == 0 with input as lookup({"owners": fx.unknown}, "name")
	count(ami_sharing.deny) == 0 with input as lookup({}, "image-id")
}
