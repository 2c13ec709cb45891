package tollgate.backup.aws.s3

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket versioning is disabled
# description: |
#   Versioning is off: an inline versioning block with enabled = false on aws_s3_bucket
#   (AWS provider v3), an aws_s3_bucket_versioning resource whose status is Suspended or
#   Disabled, or an aws_s3_bucket with neither an inline versioning block nor an
#   aws_s3_bucket_versioning resource referring to it (versioning is off by default).
#   Overwritten and deleted objects cannot be recovered.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning
# custom:
#   id: TG-AWS-021
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Enable versioning (versioning_configuration { status = "Enabled" } on aws_s3_bucket_versioning) and expire old versions with a lifecycle rule.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"aws_s3_bucket", "aws_s3_bucket_versioning"}
	some v in versioning_off
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

versioning_off contains v if {
	input.type == "aws_s3_bucket"
	some block in input.resource.versioning
	disabled(block.enabled)
	v := {
		"location": lib.attr_loc(block, "enabled"),
		"message": sprintf("S3 bucket %q has versioning disabled", [input.name]),
	}
}

versioning_off contains v if {
	input.type == "aws_s3_bucket"
	b := input.resource
	helpers.no_block(b, "versioning")
	not helpers.has_related("aws_s3_bucket_versioning")
	v := {
		"location": lib.loc(b),
		"message": sprintf("S3 bucket %q has no versioning configuration (versioning is off by default)", [input.name]),
	}
}

versioning_off contains v if {
	input.type == "aws_s3_bucket_versioning"
	some block in input.resource.versioning_configuration
	block.status in {"Suspended", "Disabled"}
	v := {
		"location": lib.attr_loc(block, "status"),
		"message": sprintf("S3 bucket versioning %q sets status %q", [input.name, block.status]),
	}
}

# lib.is_false is given strings only: on a boolean true it would raise a type error
# when builtin errors are strict.
disabled(v) if v == false

disabled(v) if {
	is_string(v)
	lib.is_false(v)
}
