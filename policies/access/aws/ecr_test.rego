package tollgate.access.aws.ecr_test

import data.tollgate.access.aws.ecr
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_ecr_repository" "app" {     # line 1
#   name                 = "app"            # line 2
#   image_tag_mutability = MUTABILITY       # line 3
# }                                         # line 4
repo(attrs) := fx.doc("aws_ecr_repository", "app", fx.block(1, 4, object.union({"name": "app"}, attrs), {"name": 2, "image_tag_mutability": 3}))

test_tg_aws_057_violation if {
	findings := ecr.deny with input as repo({"image_tag_mutability": "MUTABLE"})
	fx.found(findings, "TG-AWS-057", fx.at(3), `ECR repository "app" has mutable image tags (image_tag_mutability = "MUTABLE")`)
	count(findings) == 1
}

test_tg_aws_057_compliant if {
	count(ecr.deny) == 0 with input as repo({"image_tag_mutability": "IMMUTABLE"})
}

test_tg_aws_057_default_fires if {
	fx.found(ecr.deny, "TG-AWS-057", fx.span(1, 4), `ECR repository "app" has mutable image tags (image_tag_mutability is not set, default MUTABLE)`) with input as repo({})
}

test_tg_aws_057_unknown_does_not_fire if {
	count(ecr.deny) == 0 with input as repo({"image_tag_mutability": fx.unknown})
}
