package tollgate.access.cloudformation.resource_policy

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# The property holding the resource policy of each type, and how messages name it.
policy_property := {
	"AWS::ECR::Repository": ["RepositoryPolicyText", "ECR repository"],
	"AWS::KMS::Key": ["KeyPolicy", "KMS key"],
	"AWS::SNS::TopicPolicy": ["PolicyDocument", "SNS topic policy"],
	"AWS::SQS::QueuePolicy": ["PolicyDocument", "SQS queue policy"],
	"AWS::SecretsManager::ResourcePolicy": ["ResourcePolicy", "Secrets Manager resource policy"],
	"AWS::OpenSearchService::Domain": ["AccessPolicies", "OpenSearch domain"],
	"AWS::Elasticsearch::Domain": ["AccessPolicies", "OpenSearch domain"],
	"AWS::EFS::FileSystem": ["FileSystemPolicy", "EFS file system"],
	"AWS::Backup::BackupVault": ["AccessPolicy", "Backup vault"],
}

# METADATA
# title: CloudFormation resource policy allows access by anyone
# description: |
#   A resource-based policy has an Allow statement for Principal "*" (or {"AWS": "*"}) with
#   no Condition, so any AWS account, or anyone on the internet, can use the resource: pull
#   or push ECR images, decrypt with a KMS key, publish to SNS topics, read and send SQS
#   messages, read secrets, query OpenSearch, mount EFS, restore backups. Checked on
#   RepositoryPolicyText (AWS::ECR::Repository), KeyPolicy (AWS::KMS::Key), PolicyDocument
#   (AWS::SNS::TopicPolicy, AWS::SQS::QueuePolicy), ResourcePolicy
#   (AWS::SecretsManager::ResourcePolicy), AccessPolicies (OpenSearch and Elasticsearch
#   domains), FileSystemPolicy (AWS::EFS::FileSystem) and AccessPolicy
#   (AWS::Backup::BackupVault). S3 bucket policies have their own rules (TG-CFN-007,
#   TG-CFN-008). A document, Principal or Condition the template does not decide is not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
# custom:
#   id: TG-CFN-138
#   severity: high
#   category: access
#   provider: aws
#   remediation: Name the accounts, roles or service principals that need the resource, or add conditions (aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount) that narrow a "*" principal down.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {
		"AWS::ECR::Repository", "AWS::KMS::Key", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy", "AWS::SecretsManager::ResourcePolicy",
		"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain", "AWS::EFS::FileSystem", "AWS::Backup::BackupVault",
	}
	[key, kind] := policy_property[input.type]
	p := input.resource.Properties
	some s in helpers.statements(p[key])
	helpers.public_statement(s)
	msg := sprintf("%s %q lets anyone (Principal \"*\", no Condition) %s", [kind, input.name, helpers.action_text(s)])
	finding := lib.finding(rego.metadata.rule(), helpers.where(s, p, key), msg)
}
