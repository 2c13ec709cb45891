package tollgate.access.cloudformation.ecr

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation ECR image tags are mutable
# description: |
#   ImageTagMutability is MUTABLE, or not set (its default is MUTABLE), on an
#   AWS::ECR::Repository: anyone who can push can silently replace the image behind a
#   released tag, and deployments that pull by tag run code nobody reviewed or signed.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecr-repository.html#cfn-ecr-repository-imagetagmutability
# - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
# custom:
#   id: TG-CFN-019
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set ImageTagMutability to IMMUTABLE (IMMUTABLE_WITH_EXCLUSION for a few moving tags such as latest), and deploy images by digest.
#   frameworks:
#     nist-800-53: ["SI-7"]
deny contains finding if {
	input.type == "AWS::ECR::Repository"
	p := input.resource.Properties
	problem := mutable(p)
	msg := sprintf("ECR repository %q allows image tags to be overwritten (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "ImageTagMutability"), msg)
}

mutable(p) := "ImageTagMutability: MUTABLE" if {
	p.ImageTagMutability == "MUTABLE"
} else := "ImageTagMutability is not set, default MUTABLE" if {
	lib.missing(p, "ImageTagMutability")
}
