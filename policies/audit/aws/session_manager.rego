package tollgate.audit.aws.session_manager

import data.tollgate.access.aws.helpers
import data.tollgate.encryption.aws.session_manager as sessions
import data.tollgate.lib
import rego.v1

# METADATA
# title: Session Manager or ECS Exec sessions are not logged to an encrypted destination
# description: |
#   The Session Manager preferences (an aws_ssm_document of document_type "Session" whose
#   content has inputs) name no S3 bucket or CloudWatch log group with its encryption flag
#   (s3EncryptionEnabled, cloudWatchEncryptionEnabled) set, or an aws_ecs_cluster logs ECS
#   Exec sessions with logging = "OVERRIDE" to a log_configuration that does not require
#   the encryption of its S3 bucket or log group: what was done in interactive shells on
#   instances and containers is not recorded, or is written where its encryption is not
#   checked.
# related_resources:
# - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-logging.html
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_cluster#log_configuration
# custom:
#   id: TG-AWS-547
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: 'In the Session document''s inputs, set "s3BucketName" with "s3EncryptionEnabled": true, or "cloudWatchLogGroupName" with "cloudWatchEncryptionEnabled": true (on an encrypted bucket or log group); in an ECS cluster''s log_configuration, set s3_bucket_encryption_enabled or cloud_watch_encryption_enabled = true for the destination it names.'
#   frameworks:
#     nist-800-53: ["AU-2", "AU-9", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"aws_ssm_document", "aws_ecs_cluster"}
	some p in problems
	finding := lib.finding(rego.metadata.rule(), p.location, p.msg)
}

# Session Manager preferences: logging needs a destination with its encryption flag.
problems contains {"location": lib.attr_loc(r, "content"), "msg": msg} if {
	r := input.resource
	inputs := sessions.session_inputs(r)
	not encrypted_destination(inputs)
	msg := sprintf("SSM Session Manager document %q %s", [input.name, ssm_problem(inputs)])
}

encrypted_destination(inputs) if {
	sessions.has_text(inputs, "s3BucketName")
	lib.is_true(inputs.s3EncryptionEnabled)
}

encrypted_destination(inputs) if {
	sessions.has_text(inputs, "cloudWatchLogGroupName")
	lib.is_true(inputs.cloudWatchEncryptionEnabled)
}

ssm_problem(inputs) := "does not log sessions (no s3BucketName or cloudWatchLogGroupName in its inputs)" if {
	not sessions.has_text(inputs, "s3BucketName")
	not sessions.has_text(inputs, "cloudWatchLogGroupName")
} else := "logs sessions without requiring an encrypted destination (s3EncryptionEnabled or cloudWatchEncryptionEnabled is not true for the destination it names)"

# ECS Exec with logging = "OVERRIDE": the log_configuration must name a destination and
# require the encryption of each one it names. (With "DEFAULT" the task's awslogs
# configuration is used and log_configuration is ignored.)
problems contains {"location": lib.loc(ecc), "msg": msg} if {
	some ecc in overrides
	helpers.no_block(ecc, "log_configuration")
	msg := sprintf("ECS cluster %q sends ECS Exec session logs nowhere (logging = \"OVERRIDE\" without a log_configuration)", [input.name])
}

problems contains {"location": lib.loc(lc), "msg": msg} if {
	some ecc in overrides
	some lc in ecc.log_configuration
	not some_named(lc)
	msg := sprintf("ECS cluster %q sends ECS Exec session logs nowhere (logging = \"OVERRIDE\" with a log_configuration naming no S3 bucket or log group)", [input.name])
}

problems contains {"location": lib.loc(lc), "msg": msg} if {
	some ecc in overrides
	some lc in ecc.log_configuration
	some d in ecs_destinations
	named(lc, d.name)
	not lib.unknown(lc, d.flag)
	not lib.is_true(object.get(lc, d.flag, false))
	msg := sprintf("ECS cluster %q logs ECS Exec sessions to %s without requiring encryption (%s is not true)", [input.name, d.what, d.flag])
}

overrides contains ecc if {
	input.type == "aws_ecs_cluster"
	some cfg in input.resource.configuration
	some ecc in cfg.execute_command_configuration
	ecc.logging == "OVERRIDE"
}

ecs_destinations := [
	{"name": "cloud_watch_log_group_name", "flag": "cloud_watch_encryption_enabled", "what": "CloudWatch Logs"},
	{"name": "s3_bucket_name", "flag": "s3_bucket_encryption_enabled", "what": "S3"},
]

some_named(lc) if {
	some d in ecs_destinations
	named(lc, d.name)
}

named(lc, key) if lib.unknown(lc, key)

named(lc, key) if sessions.has_text(lc, key)
