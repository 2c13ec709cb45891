package tollgate.encryption.aws.session_manager_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.session_manager as sm
import rego.v1

# resource "aws_ssm_document" "prefs" {          # line 1
#   name            = "SSM-SessionManagerRunShell" # line 2
#   document_type   = "Session"                  # line 3
#   document_format = FORMAT                     # line 4
#   content         = CONTENT                    # line 5
# }                                              # line 6
document(attrs) := fx.doc("aws_ssm_document", "prefs", fx.block(1, 6, object.union({"name": "SSM-SessionManagerRunShell", "document_type": "Session"}, attrs), {"name": 2, "document_type": 3, "document_format": 4, "content": 5}))

content(inputs) := json.marshal({"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": inputs})

logged := {"s3BucketName": "acme-sessions", "s3EncryptionEnabled": true}

# resource "aws_ecs_cluster" "apps" {              # line 1
#   name = "apps"                                  # line 2
#   configuration {                                # line 3
#     execute_command_configuration {              # line 4
#       kms_key_id = KEY                           # line 5
#       logging    = "DEFAULT"                     # line 6
#     }                                            # line 7
#   }                                              # line 8
# }                                                # line 9
cluster(ecc) := fx.doc("aws_ecs_cluster", "apps", fx.block(1, 9, {"name": "apps", "configuration": [fx.block(3, 8, {"execute_command_configuration": [fx.block(4, 7, object.union({"logging": "DEFAULT"}, ecc), {"kms_key_id": 5, "logging": 6})]}, {})]}, {"name": 2}))

test_tg_aws_546_violation if {
	findings := sm.deny with input as document({"content": content(logged)})
	fx.found(findings, "TG-AWS-546", fx.at(5), `SSM Session Manager document "prefs" does not encrypt session data with a KMS key (no kmsKeyId in its inputs)`)
	count(findings) == 1
	fx.found(sm.deny, "TG-AWS-546", fx.at(5), `SSM Session Manager document "prefs" does not encrypt session data with a KMS key (no kmsKeyId in its inputs)`) with input as document({"content": content(object.union(logged, {"kmsKeyId": ""}))})
	fx.found(sm.deny, "TG-AWS-546", fx.at(5), `SSM Session Manager document "prefs" does not encrypt session data with a KMS key (no kmsKeyId in its inputs)`) with input as document({"document_format": "YAML", "content": "schemaVersion: '1.0'\nsessionType: Standard_Stream\ninputs:\n  s3BucketName: acme-sessions\n  s3EncryptionEnabled: true\n"})

	fx.found(sm.deny, "TG-AWS-546", fx.span(4, 7), `ECS cluster "apps" does not encrypt ECS Exec session data with a KMS key (execute_command_configuration has no kms_key_id)`) with input as cluster({})
	fx.found(sm.deny, "TG-AWS-546", fx.span(4, 7), `ECS cluster "apps" does not encrypt ECS Exec session data with a KMS key (execute_command_configuration has no kms_key_id)`) with input as cluster({"logging": "NONE"})
}

test_tg_aws_546_compliant if {
	count(sm.deny) == 0 with input as document({"content": content(object.union(logged, {"kmsKeyId": "alias/sessions"}))})
	count(sm.deny) == 0 with input as document({"document_format": "YAML", "content": "inputs:\n  kmsKeyId: alias/sessions\n"})

	# Not the preferences (no inputs), another document type, content or format unknown,
	# content that does not parse.
	count(sm.deny) == 0 with input as document({"content": json.marshal({"schemaVersion": "1.0", "sessionType": "Port", "properties": {"portNumber": "22"}})})
	count(sm.deny) == 0 with input as document({"document_type": "Command", "content": content(logged)})
	count(sm.deny) == 0 with input as document({"content": fx.unknown})
	count(sm.deny) == 0 with input as document({"document_format": fx.unknown, "content": content(logged)})
	count(sm.deny) == 0 with input as document({"content": "{not json"})

	count(sm.deny) == 0 with input as cluster({"kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/abcd"})
	count(sm.deny) == 0 with input as cluster({"kms_key_id": fx.unknown})
	count(sm.deny) == 0 with input as fx.doc("aws_ecs_cluster", "apps", fx.block(1, 3, {"name": "apps"}, {"name": 2}))
}
