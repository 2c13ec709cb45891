package tollgate.backup.aws.s3_lock_replication

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 bucket configures Object Lock without enabling it
# description: |
#   An aws_s3_bucket has an object_lock_configuration block (AWS provider v3 form) whose
#   object_lock_enabled is not "Enabled", and the bucket's own object_lock_enabled is not
#   true: the retention the block describes is never applied, so objects the code means to
#   keep immutable can be deleted or overwritten. Object Lock can only be turned on when
#   the bucket is created.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket#object_lock_enabled
# custom:
#   id: TG-AWS-575
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set object_lock_enabled = true on the bucket (AWS provider v4+, with an aws_s3_bucket_object_lock_configuration for the retention), or object_lock_enabled = "Enabled" in the object_lock_configuration block.
#   frameworks:
#     nist-800-53: ["CP-9", "SI-12"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_s3_bucket"
	r := input.resource
	count(object.get(r, "object_lock_configuration", [])) > 0
	not lib.unknown(r, "object_lock_enabled")
	not lib.is_true(object.get(r, "object_lock_enabled", false))
	every config in r.object_lock_configuration {
		not lock_enabled(config)
	}
	some config in r.object_lock_configuration
	msg := sprintf("S3 bucket %q configures Object Lock but does not enable it (%s)", [input.name, disabled_text(config)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, "object_lock_enabled"), msg)
}

lock_enabled(config) if config.object_lock_enabled == "Enabled"

lock_enabled(config) if lib.unknown(config, "object_lock_enabled")

disabled_text(config) := sprintf("object_lock_enabled = %q", [config.object_lock_enabled]) if is_string(config.object_lock_enabled)

else := "object_lock_enabled is not set in object_lock_configuration nor on the bucket"

# METADATA
# title: S3 bucket is not replicated
# description: |
#   An aws_s3_bucket has no enabled replication rule: no inline replication_configuration
#   (AWS provider v3) with a rule whose status is "Enabled", and no
#   aws_s3_bucket_replication_configuration with an enabled rule refers to it. Its objects
#   then exist in one region and one bucket only: a regional outage, a deleted bucket or a
#   compromised account takes the only copy. Buckets that are themselves replication
#   destinations (referred to by a replication configuration) are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-7
# custom:
#   id: TG-AWS-576
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Add an aws_s3_bucket_replication_configuration (with versioning on both buckets) that replicates the bucket to a bucket in another region, preferably in another account.
#   frameworks:
#     nist-800-53: ["CP-6", "CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_s3_bucket"
	r := input.resource
	not replicated(r)
	msg := sprintf("S3 bucket %q is not replicated (no enabled replication rule)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

replicated(_) if input.related_unknown == true

replicated(r) if lib.unknown(r, "replication_configuration")

replicated(r) if {
	some config in r.replication_configuration
	some rule in config.rules
	enabled_rule(rule)
}

# Without a rules block known statically, the inline configuration counts.
replicated(r) if {
	some config in r.replication_configuration
	lib.unknown(config, "rules")
}

replicated(_) if {
	some config in helpers.related("aws_s3_bucket_replication_configuration")
	some rule in config.rule
	enabled_rule(rule)
}

replicated(_) if {
	some config in helpers.related("aws_s3_bucket_replication_configuration")
	lib.unknown(config, "rule")
}

enabled_rule(rule) if rule.status == "Enabled"

enabled_rule(rule) if lib.unknown(rule, "status")
