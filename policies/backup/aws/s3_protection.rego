package tollgate.backup.aws.s3_protection

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket versioning does not require MFA delete
# description: |
#   Versioning is enabled but MFA delete is not: an aws_s3_bucket_versioning whose
#   versioning_configuration has status "Enabled" and mfa_delete "Disabled" or not set
#   (the default), or the inline versioning block of an AWS provider v3 aws_s3_bucket
#   with enabled = true and mfa_delete not true. Stolen credentials alone can then
#   permanently delete object versions or suspend versioning.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning#mfa_delete
# custom:
#   id: TG-AWS-153
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set mfa_delete = "Enabled" (with the root user's MFA device in the mfa argument), or protect versions with S3 Object Lock where the root user cannot be involved.
#   frameworks:
#     cis-aws-2.0: ["2.1.2"]
#     nist-800-53: ["CP-9"]
deny contains finding if {
	input.type in {"aws_s3_bucket_versioning", "aws_s3_bucket"}
	some v in mfa_delete_off
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

mfa_delete_off contains v if {
	input.type == "aws_s3_bucket_versioning"
	some config in input.resource.versioning_configuration
	config.status == "Enabled"
	problem := disabled_mfa_delete(config)
	v := {
		"location": lib.attr_loc(config, "mfa_delete"),
		"message": sprintf("S3 bucket versioning %q does not require MFA to delete versions (%s)", [input.name, problem]),
	}
}

mfa_delete_off contains v if {
	input.type == "aws_s3_bucket"
	some versioning in input.resource.versioning
	lib.is_true(versioning.enabled)
	problem := helpers.off(versioning, "mfa_delete")
	v := {
		"location": lib.attr_loc(versioning, "mfa_delete"),
		"message": sprintf("S3 bucket %q does not require MFA to delete versions (%s)", [input.name, problem]),
	}
}

disabled_mfa_delete(config) := "mfa_delete = \"Disabled\"" if {
	config.mfa_delete == "Disabled"
} else := "mfa_delete is not set, default Disabled" if {
	lib.missing(config, "mfa_delete")
}

# METADATA
# title: S3 backup bucket has no Object Lock
# description: |
#   An aws_s3_bucket whose name (bucket, bucket_prefix or the resource name) contains
#   "backup" has no S3 Object Lock: object_lock_enabled is not true, it has no inline
#   object_lock_configuration (AWS provider v3), and no
#   aws_s3_bucket_object_lock_configuration refers to it. Backups that can be deleted or
#   overwritten with the same credentials as production do not survive ransomware or a
#   malicious insider.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_object_lock_configuration
# custom:
#   id: TG-AWS-154
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set object_lock_enabled = true on the bucket and add an aws_s3_bucket_object_lock_configuration with a default retention (GOVERNANCE, or COMPLIANCE once proven).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_s3_bucket"
	r := input.resource
	backup_bucket(r)
	problem := helpers.off(r, "object_lock_enabled")
	not inline_lock(r)
	not helpers.has_related("aws_s3_bucket_object_lock_configuration")
	msg := sprintf("S3 bucket %q holds backups but has no Object Lock (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "object_lock_enabled"), msg)
}

backup_bucket(r) if {
	some name in array.concat([input.name], [r[key] | some key in ["bucket", "bucket_prefix"]])
	is_string(name)
	contains(lower(name), "backup")
}

inline_lock(r) if {
	some config in r.object_lock_configuration
	config.object_lock_enabled == "Enabled"
}
