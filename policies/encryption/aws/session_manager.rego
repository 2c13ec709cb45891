package tollgate.encryption.aws.session_manager

import data.tollgate.lib
import rego.v1

# METADATA
# title: Session Manager or ECS Exec session data is not encrypted with a KMS key
# description: |
#   The Session Manager preferences (an aws_ssm_document of document_type "Session" whose
#   content has inputs) set no kmsKeyId, or the execute_command_configuration of an
#   aws_ecs_cluster sets no kms_key_id: the shell sessions, and what is typed and shown in
#   them (commands, passwords, secrets printed), travel under TLS alone, with no encryption
#   under a key the account controls and whose use CloudTrail records.
# related_resources:
# - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-enable-encryption.html
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_cluster#kms_key_id
# custom:
#   id: TG-AWS-546
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: 'Set "kmsKeyId" in the inputs of the Session document (the ARN or alias of a customer managed key), and kms_key_id in the cluster''s execute_command_configuration; grant kms:Decrypt on the key to the instance or task role.'
#   frameworks:
#     nist-800-53: ["SC-8", "SC-12"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type in {"aws_ssm_document", "aws_ecs_cluster"}
	some p in problems
	finding := lib.finding(rego.metadata.rule(), p.location, p.msg)
}

problems contains {"location": lib.attr_loc(r, "content"), "msg": msg} if {
	r := input.resource
	inputs := session_inputs(r)
	not has_text(inputs, "kmsKeyId")
	msg := sprintf("SSM Session Manager document %q does not encrypt session data with a KMS key (no kmsKeyId in its inputs)", [input.name])
}

problems contains {"location": lib.loc(ecc), "msg": msg} if {
	input.type == "aws_ecs_cluster"
	some cfg in input.resource.configuration
	some ecc in cfg.execute_command_configuration
	lib.missing(ecc, "kms_key_id")
	msg := sprintf("ECS cluster %q does not encrypt ECS Exec session data with a KMS key (execute_command_configuration has no kms_key_id)", [input.name])
}

# session_inputs(r) are the inputs of the content of a Session document (the Session
# Manager preferences), when they can be read.
session_inputs(r) := inputs if {
	input.type == "aws_ssm_document"
	r.document_type == "Session"
	not lib.unknown(r, "document_format")
	doc := parse(object.get(r, "document_format", "JSON"), r.content)
	inputs := doc.inputs
	is_object(inputs)
	count(inputs) > 0
}

parse("JSON", content) := json.unmarshal(content) if {
	is_string(content)
	json.is_valid(content)
}

parse("YAML", content) := yaml.unmarshal(content) if {
	is_string(content)
	yaml.is_valid(content)
}

has_text(obj, key) if {
	is_string(obj[key])
	trim_space(obj[key]) != ""
}
