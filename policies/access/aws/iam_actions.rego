# METADATA
# title: IAM action classes
# description: |
#   What IAM identity policies grant, judged statement by statement, for the rules of
#   the Terraform (iam_risks) and CloudFormation (cloudformation.iam_risks) libraries:
#   which resources are "every resource", which actions return credentials, read
#   secrets and objects, change permissions, write, or chain into privilege
#   escalation, and which cannot be restricted to a resource at all. The lists name
#   actions of the AWS Service Authorization Reference (docs.aws.amazon.com/service-
#   authorization); they are tollgate's own selection, not a copy of any tool's.
#   A document is a policy document as helpers.statements() reads it (JSON text, a map,
#   or iam_document.document() of a data source).
package tollgate.access.aws.iam_actions

import data.tollgate.access.aws.helpers
import data.tollgate.access.aws.iam_document
import rego.v1

# ---------------------------------------------------------------------------
# Statements

# identity_allow(s): s is an Allow statement of an identity policy (a statement that
# names a Principal belongs to a resource-based or trust policy).
identity_allow(s) if {
	helpers.allows(s)
	not iam_document.principal_statement(s)
}

# admin(s): s allows every action on every resource (TG-AWS-050 / TG-CFN-009).
admin(s) if {
	helpers.allows(s)
	some a in helpers.actions(s)
	a in {"*", "*:*"}
	"*" in helpers.resources(s)
}

# admin_judged_here(doc, wide): the document's grants of everything are for these rules
# to report: always with wide, else only when no statement allows everything.
admin_judged_here(_, true)

admin_judged_here(doc, false) if not has_admin(doc)

# has_admin(doc): some statement of doc is admin(s).
has_admin(doc) if {
	some s in helpers.statements(doc)
	admin(s)
}

# broad(p): the action pattern p is every action or every action of a service
# (reported by TG-AWS-050 / TG-AWS-208 and their CloudFormation twins).
broad(p) if p in {"*", "*:*"}

broad(p) if regex.match(`^[a-z0-9-]+:\*$`, p)

# unscoped_resource(s) is the first Resource of s that stands for every resource, or
# every resource of a type: "*", "arn:aws:s3:::*", "arn:aws:dynamodb:*:*:table/*",
# "arn:aws:iam::123456789012:role/*". An S3 object path (arn:aws:s3:::bucket/*) names
# the objects of one bucket and is scoped.
unscoped_resource(s) := [r | some r in helpers.resources(s); unscoped(r)][0]

unscoped(r) if r == "*"

unscoped(r) if regex.match(`^arn:[^:]+:[^:]+:[^:]*:[^:]*:\*$`, r)

unscoped(r) if regex.match(`^arn:[^:]+:s3:::\*/\*$`, r)

unscoped(r) if {
	regex.match(`^arn:[^:]+:[^:]+:[^:]*:[^:]*:[A-Za-z0-9-]+[/:]\*$`, r)
	not regex.match(`^arn:[^:]+:s3:`, r)
}

# unrestricted(doc) are the identity Allow statements of doc on every resource.
unrestricted(doc) := [s |
	some s in helpers.statements(doc)
	identity_allow(s)
	unscoped_resource(s)
]

# denied(doc, action): a Deny statement of doc without Condition takes action (or the
# pattern written as action) back on every resource. A partial document may hold one.
denied(doc, _) if doc.__partial == true

denied(doc, action) if {
	some s in helpers.statements(doc)
	helpers.denies(s)
	"*" in helpers.resources(s)
	not iam_document.conditional(s)
	helpers.grants(s, action)
}

# granted(doc, s, names, wide): the names (as AWS writes them) that s grants (narrowly
# unless wide) and no Deny of doc takes back. The statement's patterns are read once,
# not once for each of the hundreds of names of a class (grant_patterns).
granted(doc, s, names, wide) := {n |
	g := grant_patterns(s, wide)
	some n in names
	a := lower(n)
	grants_with(g, a)
	not denied(doc, a)
}

# grant_patterns(s, wide) are the patterns through which s may grant an action: its Action
# patterns (lower case), the broad ones (reported by the rules on "*" and "service:*")
# only with wide, and its NotAction patterns.
grant_patterns(s, true) := {"actions": helpers.actions(s), "excluded": excluded_actions(s)}

grant_patterns(s, false) := {"actions": [p | some p in helpers.actions(s); not broad(p)], "excluded": excluded_actions(s)}

excluded_actions(s) := [lower(a) | some a in helpers.strings_of(s.NotAction)]

# grants_with(g, action): for g := grant_patterns(s, wide), s grants action (lower case)
# through one of its patterns, or through a NotAction that does not exclude it.
grants_with(g, action) if {
	some p in g.actions
	helpers.action_matches(p, action)
}

grants_with(g, action) if {
	count(g.excluded) > 0
	every p in g.excluded {
		not helpers.action_matches(p, action)
	}
}

# not_action(s): s grants by NotAction, excluding less than everything.
not_action(s) if {
	excluded := [lower(a) | some a in helpers.strings_of(s.NotAction)]
	count(excluded) > 0
	not "*" in excluded
}

# ---------------------------------------------------------------------------
# Credentials: actions that return or activate credentials of an identity or a
# resource. Those that accept no resource but "*" (sts:GetSessionToken,
# ecr:GetAuthorizationToken...) are left out: Resource "*" is the only way to grant them.
credential_actions := {
	"iam:CreateAccessKey",
	"iam:UpdateAccessKey",
	"iam:CreateLoginProfile",
	"iam:UpdateLoginProfile",
	"iam:CreateServiceSpecificCredential",
	"iam:ResetServiceSpecificCredential",
	"sts:AssumeRole",
	"sts:AssumeRoleWithSAML",
	"sts:AssumeRoleWithWebIdentity",
	"sts:GetFederationToken",
	"codeartifact:GetAuthorizationToken",
	"ec2:GetPasswordData",
	"redshift:GetClusterCredentials",
	"redshift:GetClusterCredentialsWithIAM",
	"redshift-serverless:GetCredentials",
	"rds-db:connect",
	"cognito-identity:GetOpenIdTokenForDeveloperIdentity",
	"lightsail:GetInstanceAccessDetails",
	"lightsail:CreateBucketAccessKey",
	"lightsail:GetRelationalDatabaseMasterUserPassword",
	"appsync:CreateApiKey",
	"connect:GetFederationToken",
	"gamelift:GetInstanceAccess",
	"gamelift:RequestUploadCredentials",
	"grafana:CreateWorkspaceApiKey",
	"mediapackage:RotateIngestEndpointCredentials",
	"airflow:CreateCliToken",
	"airflow:CreateWebLoginToken",
	"emr-containers:GetManagedEndpointSessionCredentials",
	"codepipeline:PollForJobs",
}

# Data exfiltration: reads of stored data and secrets.
exfiltration_actions := {
	"s3:GetObject",
	"s3:GetObjectVersion",
	"ssm:GetParameter",
	"ssm:GetParameters",
	"ssm:GetParametersByPath",
	"secretsmanager:GetSecretValue",
}

# Permissions management: actions that change who may do what, on identities (IAM
# policies, trust, boundaries, group membership) or through resource-based policies,
# ACLs, grants and sharing.
permission_actions := {
	"iam:AttachGroupPolicy",
	"iam:AttachRolePolicy",
	"iam:AttachUserPolicy",
	"iam:CreatePolicy",
	"iam:CreatePolicyVersion",
	"iam:DeletePolicy",
	"iam:DeletePolicyVersion",
	"iam:SetDefaultPolicyVersion",
	"iam:PutGroupPolicy",
	"iam:PutRolePolicy",
	"iam:PutUserPolicy",
	"iam:DeleteGroupPolicy",
	"iam:DeleteRolePolicy",
	"iam:DeleteUserPolicy",
	"iam:DetachGroupPolicy",
	"iam:DetachRolePolicy",
	"iam:DetachUserPolicy",
	"iam:UpdateAssumeRolePolicy",
	"iam:PutRolePermissionsBoundary",
	"iam:PutUserPermissionsBoundary",
	"iam:DeleteRolePermissionsBoundary",
	"iam:DeleteUserPermissionsBoundary",
	"iam:AddUserToGroup",
	"iam:RemoveUserFromGroup",
	"s3:PutBucketPolicy",
	"s3:DeleteBucketPolicy",
	"s3:PutBucketAcl",
	"s3:PutObjectAcl",
	"s3:PutObjectVersionAcl",
	"s3:PutBucketPublicAccessBlock",
	"s3:PutBucketOwnershipControls",
	"s3:PutAccessPointPolicy",
	"kms:PutKeyPolicy",
	"kms:CreateGrant",
	"kms:RevokeGrant",
	"sqs:AddPermission",
	"sqs:RemovePermission",
	"sns:AddPermission",
	"sns:RemovePermission",
	"sns:SetTopicAttributes",
	"lambda:AddPermission",
	"lambda:RemovePermission",
	"lambda:AddLayerVersionPermission",
	"ecr:SetRepositoryPolicy",
	"ecr:DeleteRepositoryPolicy",
	"secretsmanager:PutResourcePolicy",
	"secretsmanager:DeleteResourcePolicy",
	"glacier:SetVaultAccessPolicy",
	"ec2:ModifySnapshotAttribute",
	"ec2:ModifyImageAttribute",
	"ec2:CreateNetworkInterfacePermission",
	"rds:ModifyDBSnapshotAttribute",
	"rds:ModifyDBClusterSnapshotAttribute",
	"ram:CreateResourceShare",
	"ram:AssociateResourceShare",
	"events:PutPermission",
	"logs:PutResourcePolicy",
	"logs:PutDestinationPolicy",
	"apigateway:UpdateRestApiPolicy",
	"glue:PutResourcePolicy",
	"backup:PutBackupVaultAccessPolicy",
	"elasticfilesystem:PutFileSystemPolicy",
	"cloudformation:SetStackPolicy",
	"codeartifact:PutRepositoryPermissionsPolicy",
	"codeartifact:PutDomainPermissionsPolicy",
	"dynamodb:PutResourcePolicy",
	"dynamodb:DeleteResourcePolicy",
	"kinesis:PutResourcePolicy",
	"kinesis:DeleteResourcePolicy",
	"kms:RetireGrant",
	"lambda:RemoveLayerVersionPermission",
	"ecr:PutRegistryPolicy",
	"ecr:DeleteRegistryPolicy",
	"ecr-public:SetRepositoryPolicy",
	"s3:DeleteAccessPointPolicy",
	"s3:PutMultiRegionAccessPointPolicy",
	"ram:UpdateResourceShare",
	"ec2:ModifyVpcEndpointServicePermissions",
	"ec2:ModifyFpgaImageAttribute",
	"ec2:ResetSnapshotAttribute",
	"ec2:ResetImageAttribute",
	"redshift:AuthorizeSnapshotAccess",
	"redshift:RevokeSnapshotAccess",
	"elasticfilesystem:DeleteFileSystemPolicy",
	"backup:DeleteBackupVaultAccessPolicy",
	"events:RemovePermission",
	"logs:DeleteResourcePolicy",
	"glue:DeleteResourcePolicy",
	"mediastore:PutContainerPolicy",
	"mediastore:DeleteContainerPolicy",
	"serverlessrepo:PutApplicationPolicy",
	"codeartifact:DeleteRepositoryPermissionsPolicy",
	"codeartifact:DeleteDomainPermissionsPolicy",
	"ssm:ModifyDocumentPermission",
	"ssm:PutResourcePolicy",
	"iot:AttachPolicy",
	"iot:AttachPrincipalPolicy",
	"acm-pca:CreatePermission",
	"acm-pca:PutPolicy",
	"acm-pca:DeletePolicy",
	"signer:AddProfilePermission",
	"sso:AttachManagedPolicyToPermissionSet",
	"sso:AttachCustomerManagedPolicyReferenceToPermissionSet",
	"sso:PutInlinePolicyToPermissionSet",
	"sso:PutPermissionsBoundaryToPermissionSet",
	"sso:CreateAccountAssignment",
}

# Privilege escalation: combinations of actions, granted on every resource, that let an
# identity obtain permissions it does not have (the methods Rhino Security Labs and
# pathfinding.cloud document). Each method is the list of actions it needs.
escalation_methods := [
	["iam:CreatePolicyVersion"],
	["iam:SetDefaultPolicyVersion"],
	["iam:CreateAccessKey"],
	["iam:CreateLoginProfile"],
	["iam:UpdateLoginProfile"],
	["iam:AttachUserPolicy"],
	["iam:AttachGroupPolicy"],
	["iam:AttachRolePolicy"],
	["iam:PutUserPolicy"],
	["iam:PutGroupPolicy"],
	["iam:PutRolePolicy"],
	["iam:AddUserToGroup"],
	["iam:UpdateAssumeRolePolicy"],
	["iam:PassRole", "ec2:RunInstances"],
	["iam:PassRole", "ec2:RequestSpotInstances"],
	["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
	["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
	["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"],
	["iam:PassRole", "glue:CreateDevEndpoint"],
	["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"],
	["iam:PassRole", "cloudformation:CreateStack"],
	["iam:PassRole", "datapipeline:CreatePipeline"],
	["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"],
	["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
	["iam:PassRole", "sagemaker:CreateNotebookInstance"],
	["iam:PassRole", "sagemaker:CreateTrainingJob"],
	["glue:UpdateDevEndpoint"],
	["lambda:UpdateFunctionCode"],
	["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"],
	["ssm:SendCommand"],
	["ssm:StartSession"],
	["sagemaker:CreatePresignedNotebookInstanceUrl"],
]

# escalations(doc, wide) are the methods (written "a + b") the identity statements of
# doc on every resource allow together, none taken back by a Deny. Unless wide, a
# document that allows everything (admin) is reported as such instead; a partial one
# may deny.
escalations(doc, wide) := {concat(" + ", method) |
	admin_judged_here(doc, wide)
	grants := [grant_patterns(s, true) | some s in unrestricted(doc)]
	some method in escalation_methods
	every a in method {
		some g in grants
		grants_with(g, lower(a))
		not denied(doc, lower(a))
	}
}

# ---------------------------------------------------------------------------
# Write actions, and actions that cannot be restricted to a resource

# Verbs that begin the names of Write-level actions (Tagging is left out).
write_verbs := {
	"abort", "accept", "add", "allocate", "apply", "associate", "attach", "authorize",
	"batchdelete", "batchwrite", "cancel", "change", "copy", "create", "decrypt", "delete",
	"deregister", "detach", "disable", "disassociate", "enable", "encrypt", "execute",
	"export", "failover", "flush", "generatedatakey", "import", "invoke", "modify",
	"promote", "publish", "purge", "put", "reboot", "reencrypt", "register", "reject",
	"release", "remove", "replace", "reset", "restore", "revoke", "rotate", "run", "send",
	"set", "sign", "start", "stop", "terminate", "update", "upload", "write",
}

# write_pattern(p): the action pattern p (lower case) can name a Write-level action:
# the verb it starts with, or the literal text before its first wildcard, fits a write
# verb ("s3:putobject", "s3:put*", "s3:*object").
write_pattern(p) if {
	verb := action_name(p)
	prefix := regex.replace(verb, `[*?].*$`, "")
	some w in write_verbs
	fits(prefix, w, verb)
}

fits(prefix, w, verb) if {
	prefix != verb
	startswith(w, prefix)
}

fits(prefix, w, _) if startswith(prefix, w)

action_name(p) := substring(p, i + 1, -1) if {
	i := indexof(p, ":")
	i >= 0
}

action_service(p) := substring(p, 0, indexof(p, ":")) if indexof(p, ":") > 0

# Actions that accept no resource but "*" (Service Authorization Reference: no resource
# type), among those policies commonly grant.
wildcard_only_actions := {lower(a) | some a in {
	"sts:GetCallerIdentity", "sts:GetSessionToken", "sts:DecodeAuthorizationMessage",
	"sts:GetAccessKeyInfo", "ecr:GetAuthorizationToken", "ecr-public:GetAuthorizationToken",
	"cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics",
	"cloudwatch:GetMetricWidgetImage", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
	"xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
	"kms:CreateKey", "kms:GenerateRandom", "s3:CreateJob", "s3:GetAccountPublicAccessBlock",
	"s3:PutAccountPublicAccessBlock", "ecs:CreateCluster", "ecs:RegisterTaskDefinition",
	"ecs:DeregisterTaskDefinition", "ecs:DiscoverPollEndpoint", "lambda:CreateEventSourceMapping",
	"lambda:GetAccountSettings", "lambda:CreateCodeSigningConfig", "logs:GetLogDelivery",
	"logs:CreateLogDelivery", "logs:StopQuery", "logs:GetQueryResults", "logs:TestMetricFilter",
	"route53:CreateHostedZone", "route53:GetHostedZoneCount", "acm:RequestCertificate",
	"iam:GetAccountSummary", "iam:GetAccountPasswordPolicy", "iam:UpdateAccountPasswordPolicy",
	"iam:DeleteAccountPasswordPolicy", "iam:GenerateCredentialReport", "iam:GetCredentialReport",
	"iam:GetAccountAuthorizationDetails", "iam:CreateAccountAlias", "iam:DeleteAccountAlias",
	"iam:SetSecurityTokenServicePreferences", "iam:GetServiceLastAccessedDetails",
	"iam:GetContextKeysForCustomPolicy", "iam:SimulateCustomPolicy",
	"cloudformation:ValidateTemplate", "cloudformation:CreateUploadBucket",
	"cloudformation:EstimateTemplateCost", "cloudtrail:LookupEvents",
	"secretsmanager:GetRandomPassword", "secretsmanager:BatchGetSecretValue", "ssm:GetManifest",
	"sns:CheckIfPhoneNumberIsOptedOut", "sns:GetSMSAttributes", "sns:SetSMSAttributes",
	"guardduty:CreateDetector", "config:PutConfigurationRecorder", "config:PutDeliveryChannel",
	"config:StartConfigurationRecorder", "config:StopConfigurationRecorder",
	"config:PutEvaluations", "access-analyzer:ValidatePolicy", "organizations:DescribeOrganization",
}}

# Services none of whose actions (or none commonly granted) accept a resource.
wildcard_only_services := {
	"support", "pricing", "tag", "aws-portal", "ec2messages", "ssmmessages", "cur", "health",
	"trustedadvisor", "application-autoscaling", "aws-marketplace", "compute-optimizer",
	"billing", "payments", "tax", "consolidatedbilling", "freetier", "invoicing",
}

# restrictable(p): the action pattern p (lower case, not broad) names actions that can
# be restricted to resources. Reads of metadata (List*, Describe*) are not counted.
restrictable(p) if {
	not broad(p)
	not p in wildcard_only_actions
	svc := action_service(p)
	not svc in wildcard_only_services
	verb := action_name(p)
	not startswith(verb, "list")
	not startswith(verb, "describe")
}

# ---------------------------------------------------------------------------
# What one identity statement on every resource grants

# credentials(doc, s, wide), exfiltration(...), permissions(...): the actions of each
# class s grants (narrowly unless wide), not taken back by a Deny of doc.
credentials(doc, s, wide) := granted(doc, s, credential_actions, wide)

exfiltration(doc, s, wide) := granted(doc, s, exfiltration_actions, wide)

# Changes of permissions and writes count without a Condition only.
permissions(doc, s, wide) := granted(doc, s, permission_actions, wide) if not iam_document.conditional(s)

else := set()

# writes(doc, s, wide): the patterns of s, written as in the policy, that can name
# Write-level actions other than credential and permission changes (those have their
# own rules), or "every action except ..." for a NotAction, and with wide "*" and
# "service:*"; empty when s has a Condition.
writes(doc, s, wide) := {w |
	not iam_document.conditional(s)
	some w in (write_texts(doc, s) | broad_texts(doc, s, wide))
}

write_texts(doc, s) := {a |
	some a in helpers.strings_of(s.Action)
	p := lower(a)
	not broad(p)
	write_pattern(p)
	restrictable(p)
	not grants_any(p, permission_actions)
	not grants_any(p, credential_actions)
	not denied(doc, p)
} | not_action_text(s)

not_action_text(s) := {sprintf("every action except %s", [concat(", ", helpers.strings_of(s.NotAction))])} if not_action(s)

else := set()

# restrictables(doc, s, wide): the patterns of s, as written, that name actions that
# could be restricted to resources, or "every action except ..." for a NotAction, and
# with wide "*" and "service:*".
restrictables(doc, s, wide) := ({a |
	some a in helpers.strings_of(s.Action)
	p := lower(a)
	restrictable(p)
	not denied(doc, p)
} | not_action_text(s)) | broad_texts(doc, s, wide)

# broad_texts(doc, s, wide): with wide, the "*" and "service:*" patterns of s that no
# Deny of doc takes back, as written.
broad_texts(doc, s, true) := {a |
	some a in helpers.strings_of(s.Action)
	p := lower(a)
	broad(p)
	not wildcard_only_service(p)
	not denied(doc, p)
}

broad_texts(_, _, false) := set()

wildcard_only_service(p) if action_service(p) in wildcard_only_services

grants_any(p, names) if {
	some n in names
	helpers.action_matches(p, lower(n))
}

# reported_elsewhere(doc, s, wide): the statement is reported by the credential, data,
# permission or write rule.
reported_elsewhere(doc, s, wide) if count(credentials(doc, s, wide)) > 0

reported_elsewhere(doc, s, wide) if count(exfiltration(doc, s, wide)) > 0

reported_elsewhere(doc, s, wide) if count(permissions(doc, s, wide)) > 0

reported_elsewhere(doc, s, wide) if count(writes(doc, s, wide)) > 0

# partial_wildcards(s): the action patterns of s, as written, with a wildcard inside a
# service's action names ("s3:Get*", "ec2:*Instances"); "*" and "service:*" are
# reported by TG-AWS-050 / TG-AWS-208.
partial_wildcards(s) := {a |
	some a in helpers.strings_of(s.Action)
	contains(a, "*")
	not broad(lower(a))
} | {a |
	some a in helpers.strings_of(s.Action)
	contains(a, "?")
	not broad(lower(a))
}

# names(xs) are the action texts of the set xs for a message, sorted.
names(xs) := concat(", ", sort([n | some n in xs]))
