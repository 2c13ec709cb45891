package tollgate.access.aws.resource_policy

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# The resources that carry a resource-based policy: [kind, attribute].
policy_attributes := {
	"aws_sqs_queue": ["SQS queue", "policy"],
	"aws_sqs_queue_policy": ["SQS queue policy", "policy"],
	"aws_sns_topic": ["SNS topic", "policy"],
	"aws_sns_topic_policy": ["SNS topic policy", "policy"],
	"aws_kms_key": ["KMS key", "policy"],
	"aws_kms_key_policy": ["KMS key policy", "policy"],
	"aws_ecr_repository_policy": ["ECR repository policy", "policy"],
	"aws_opensearch_domain": ["OpenSearch domain", "access_policies"],
	"aws_opensearch_domain_policy": ["OpenSearch domain policy", "access_policies"],
	"aws_elasticsearch_domain": ["Elasticsearch domain", "access_policies"],
	"aws_elasticsearch_domain_policy": ["Elasticsearch domain policy", "access_policies"],
	"aws_secretsmanager_secret": ["Secrets Manager secret", "policy"],
	"aws_secretsmanager_secret_policy": ["Secrets Manager secret policy", "policy"],
	"aws_efs_file_system_policy": ["EFS file system policy", "policy"],
	"aws_glacier_vault": ["Glacier vault", "access_policy"],
	"aws_backup_vault_policy": ["Backup vault policy", "policy"],
}

# METADATA
# title: Resource policy allows access by anyone
# description: |
#   A resource-based policy has an Allow statement for Principal "*" (or {"AWS": "*"})
#   with no Condition, so any AWS account, or anyone on the internet, can use the
#   resource: read and send SQS messages, publish to SNS topics, decrypt with a KMS key,
#   pull (or push) ECR images, query OpenSearch, read secrets, mount EFS, restore
#   backups. Checked on the policy of aws_sqs_queue(_policy), aws_sns_topic(_policy),
#   aws_kms_key(_policy), aws_ecr_repository_policy, aws_opensearch_domain(_policy),
#   aws_elasticsearch_domain(_policy), aws_secretsmanager_secret(_policy),
#   aws_efs_file_system_policy, aws_glacier_vault and aws_backup_vault_policy. S3 bucket
#   policies have their own rules (TG-AWS-041, TG-AWS-042); policies not known
#   statically are not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
# custom:
#   id: TG-AWS-058
#   severity: high
#   category: access
#   provider: aws
#   remediation: Name the principals in the statement, or restrict it with conditions such as aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn or aws:SourceVpce.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {
		"aws_sqs_queue", "aws_sqs_queue_policy", "aws_sns_topic", "aws_sns_topic_policy",
		"aws_kms_key", "aws_kms_key_policy", "aws_ecr_repository_policy",
		"aws_opensearch_domain", "aws_opensearch_domain_policy",
		"aws_elasticsearch_domain", "aws_elasticsearch_domain_policy",
		"aws_secretsmanager_secret", "aws_secretsmanager_secret_policy",
		"aws_efs_file_system_policy", "aws_glacier_vault", "aws_backup_vault_policy",
	}
	[kind, key] := policy_attributes[input.type]
	r := input.resource
	public := [s | some s in helpers.statements(r[key]); helpers.public_statement(s)]
	count(public) > 0
	allowed := concat("; ", [helpers.action_text(s) | some s in public])
	msg := sprintf("%s %q allows access by anyone (Principal \"*\", no Condition) to %s", [kind, input.name, allowed])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}
