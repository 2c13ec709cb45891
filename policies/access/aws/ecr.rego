package tollgate.access.aws.ecr

import data.tollgate.lib
import rego.v1

# METADATA
# title: ECR image tags are mutable
# description: |
#   image_tag_mutability is "MUTABLE", or not set (its default is MUTABLE), on an
#   aws_ecr_repository. Anyone allowed to push can move an existing tag such as v1.4.2
#   or prod to another image, so what a deployment runs is no longer what was built,
#   scanned and approved.
# related_resources:
# - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-2
# custom:
#   id: TG-AWS-057
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set image_tag_mutability = "IMMUTABLE" and deploy images by digest.
#   frameworks:
#     nist-800-53: ["SI-7"]
deny contains finding if {
	input.type == "aws_ecr_repository"
	r := input.resource
	problem := mutable(r)
	msg := sprintf("ECR repository %q has mutable image tags (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "image_tag_mutability"), msg)
}

mutable(r) := "image_tag_mutability = \"MUTABLE\"" if {
	r.image_tag_mutability == "MUTABLE"
} else := "image_tag_mutability is not set, default MUTABLE" if {
	lib.missing(r, "image_tag_mutability")
}
