package tollgate.audit.aws.session_manager_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.session_manager as sm
import rego.v1

# resource "aws_ssm_document" "prefs" {          # line 1
#   name            = "SSM-SessionManagerRunShell" # line 2
#   document_type   = "Session"                  # line 3
#   document_format = FORMAT                     # line 4
#   content         = CONTENT                    # line 5
# }                                              # line 6
document(attrs) := fx.doc("aws_ssm_document", "prefs", fx.block(1, 6, object.union({"name": "SSM-SessionManagerRunShell", "document_type": "Session"}, attrs), {"name": 2, "document_type": 3, "document_format": 4, "content": 5}))

content(inputs) := json.marshal({"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": object.union({"kmsKeyId": "alias/sessions"}, inputs)})

# resource "aws_ecs_cluster" "apps" {                      # line 1
#   name = "apps"                                          # line 2
#   configuration {                                        # line 3
#     execute_command_configuration {                      # line 4
#       kms_key_id = "arn:aws:kms:...:key/abcd"            # line 5
#       logging    = LOGGING                               # line 6
#       log_configuration {                                # line 7
#         cloud_watch_log_group_name     = GROUP            # line 8
#         cloud_watch_encryption_enabled = CW_ENCRYPTED     # line 9
#         s3_bucket_name                 = BUCKET           # line 10
#         s3_bucket_encryption_enabled   = S3_ENCRYPTED     # line 11
#       }                                                  # line 12
#     }                                                    # line 13
#   }                                                      # line 14
# }                                                        # line 15
cluster(logging, lc) := fx.doc("aws_ecs_cluster", "apps", fx.block(1, 15, {"name": "apps", "configuration": [fx.block(3, 14, {"execute_command_configuration": [fx.block(4, 13, object.union({"kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/abcd", "logging": logging}, log_configuration(lc)), {"kms_key_id": 5, "logging": 6, "log_configuration": [7, 12]})]}, {})]}, {"name": 2}))

log_configuration(lc) := {} if lc == null

log_configuration(lc) := {"log_configuration": lc} if lc == fx.unknown

log_configuration(lc) := {"log_configuration": [fx.block(7, 12, lc, {"cloud_watch_log_group_name": 8, "cloud_watch_encryption_enabled": 9, "s3_bucket_name": 10, "s3_bucket_encryption_enabled": 11})]} if {
	lc != null
	lc != fx.unknown
}

test_tg_aws_547_violation if {
	nowhere := sm.deny with input as document({"content": content({})})
	fx.found(nowhere, "TG-AWS-547", fx.at(5), `SSM Session Manager document "prefs" does not log sessions (no s3BucketName or cloudWatchLogGroupName in its inputs)`)
	count(nowhere) == 1
	unencrypted := `SSM Session Manager document "prefs" logs sessions without requiring an encrypted destination (s3EncryptionEnabled or cloudWatchEncryptionEnabled is not true for the destination it names)`
	every inputs in [
		{"s3BucketName": "acme-sessions", "s3EncryptionEnabled": false},
		{"s3BucketName": "acme-sessions"},
		{"cloudWatchLogGroupName": "sessions", "cloudWatchEncryptionEnabled": "false", "s3EncryptionEnabled": true},
	] {
		fx.found(sm.deny, "TG-AWS-547", fx.at(5), unencrypted) with input as document({"content": content(inputs)})
	}

	fx.found(sm.deny, "TG-AWS-547", fx.span(4, 13), `ECS cluster "apps" sends ECS Exec session logs nowhere (logging = "OVERRIDE" without a log_configuration)`) with input as cluster("OVERRIDE", null)
	fx.found(sm.deny, "TG-AWS-547", fx.span(7, 12), `ECS cluster "apps" sends ECS Exec session logs nowhere (logging = "OVERRIDE" with a log_configuration naming no S3 bucket or log group)`) with input as cluster("OVERRIDE", {"cloud_watch_encryption_enabled": true})
	fx.found(sm.deny, "TG-AWS-547", fx.span(7, 12), `ECS cluster "apps" logs ECS Exec sessions to CloudWatch Logs without requiring encryption (cloud_watch_encryption_enabled is not true)`) with input as cluster("OVERRIDE", {"cloud_watch_log_group_name": "exec"})
	both := sm.deny with input as cluster("OVERRIDE", {"cloud_watch_log_group_name": "exec", "cloud_watch_encryption_enabled": true, "s3_bucket_name": "acme-exec", "s3_bucket_encryption_enabled": false})
	fx.found(both, "TG-AWS-547", fx.span(7, 12), `ECS cluster "apps" logs ECS Exec sessions to S3 without requiring encryption (s3_bucket_encryption_enabled is not true)`)
	count(both) == 1
}

test_tg_aws_547_compliant if {
	count(sm.deny) == 0 with input as document({"content": content({"s3BucketName": "acme-sessions", "s3EncryptionEnabled": true})})
	count(sm.deny) == 0 with input as document({"content": content({"cloudWatchLogGroupName": "sessions", "cloudWatchEncryptionEnabled": "true"})})
	count(sm.deny) == 0 with input as document({"content": json.marshal({"schemaVersion": "1.0", "sessionType": "Port", "properties": {"portNumber": "22"}})})
	count(sm.deny) == 0 with input as document({"content": fx.unknown})

	count(sm.deny) == 0 with input as cluster("DEFAULT", null)
	count(sm.deny) == 0 with input as cluster("NONE", null)
	count(sm.deny) == 0 with input as cluster(fx.unknown, null)
	count(sm.deny) == 0 with input as cluster("OVERRIDE", fx.unknown)
	count(sm.deny) == 0 with input as cluster("OVERRIDE", {"cloud_watch_log_group_name": "exec", "cloud_watch_encryption_enabled": true})
	count(sm.deny) == 0 with input as cluster("OVERRIDE", {"s3_bucket_name": fx.unknown, "s3_bucket_encryption_enabled": true})
	count(sm.deny) == 0 with input as cluster("OVERRIDE", {"cloud_watch_log_group_name": "exec", "cloud_watch_encryption_enabled": fx.unknown})
}
