package tollgate.audit.aws.ecr_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.ecr
import rego.v1

# resource "aws_ecr_repository" "app" {      # line 1
#   name = "app"                             # line 2
#   image_scanning_configuration {           # line 3
#     scan_on_push = SCAN                    # line 4
#   }                                        # line 5
# }                                          # line 6
repo(scanning) := fx.doc("aws_ecr_repository", "app", fx.block(1, 6, object.union({"name": "app"}, scanning), {"name": 2}))

scanning(attrs) := {"image_scanning_configuration": [fx.block(3, 5, attrs, {"scan_on_push": 4})]}

test_tg_aws_176_violation if {
	findings := ecr.deny with input as repo(scanning({"scan_on_push": false}))
	fx.found(findings, "TG-AWS-176", fx.at(4), `ECR repository "app" does not scan images on push (scan_on_push = false)`)
	count(findings) == 1
}

test_tg_aws_176_compliant if {
	count(ecr.deny) == 0 with input as repo(scanning({"scan_on_push": true}))
	count(ecr.deny) == 0 with input as repo(scanning({"scan_on_push": fx.unknown}))
}

test_tg_aws_176_missing_block_fires if {
	fx.found(ecr.deny, "TG-AWS-176", fx.span(1, 6), `ECR repository "app" does not scan images on push (no image_scanning_configuration)`) with input as repo({})
}
