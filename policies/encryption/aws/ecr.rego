package tollgate.encryption.aws.ecr

import data.tollgate.lib
import rego.v1

# METADATA
# title: ECR repository is not encrypted with a customer managed key
# description: |
#   The aws_ecr_repository has no encryption_configuration, or one with encryption_type
#   "AES256" (the default, S3-managed keys), or "KMS" without kms_key (the AWS managed
#   key aws/ecr). Image layers, which embed code and sometimes secrets, are then
#   encrypted with keys whose use the account can neither restrict nor audit per key.
# related_resources:
# - https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository#encryption_configuration
# custom:
#   id: TG-AWS-105
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Add encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.<name>.arn }; the setting applies to new repositories, so an existing one has to be recreated.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_ecr_repository"
	some v in default_keys
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

default_keys contains v if {
	r := input.resource
	no_block(r, "encryption_configuration")
	v := {
		"location": lib.loc(r),
		"message": sprintf("ECR repository %q is encrypted with S3-managed keys (no encryption_configuration)", [input.name]),
	}
}

default_keys contains v if {
	some config in input.resource.encryption_configuration
	problem := weak(config)
	v := {
		"location": lib.attr_loc(config, "encryption_type"),
		"message": sprintf("ECR repository %q is encrypted with %s", [input.name, problem]),
	}
}

weak(config) := "S3-managed keys (encryption_type = \"AES256\")" if {
	config.encryption_type == "AES256"
} else := "S3-managed keys (encryption_type is not set, default AES256)" if {
	lib.missing(config, "encryption_type")
} else := "the AWS managed key aws/ecr (encryption_type = \"KMS\" without kms_key)" if {
	config.encryption_type == "KMS"
	lib.missing(config, "kms_key")
}

no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []
