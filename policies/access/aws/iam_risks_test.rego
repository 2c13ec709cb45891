package tollgate.access.aws.iam_risks_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.iam_risks
import rego.v1

# resource "aws_iam_policy" "app" {   # line 1
#   name   = "app"                    # line 2
#   policy = jsonencode(POLICY)       # line 3
# }                                   # line 4
policy(statements) := fx.doc("aws_iam_policy", "app", fx.block(1, 4, {"name": "app", "policy": json.marshal({"Version": "2012-10-17", "Statement": statements})}, {"name": 2, "policy": 3}))

# data "aws_iam_policy_document" "app" {   # line 10
#   statement {                           # line 11
#     actions   = ACTIONS                 # line 12
#     resources = RESOURCES               # line 13
#   }                                     # line 14
# }                                       # line 15
document(statement) := fx.doc("data.aws_iam_policy_document", "app", fx.block(10, 15, {"statement": [fx.block(11, 14, statement, {"actions": 12, "resources": 13, "effect": 12, "condition": 12, "principals": 12})]}, {}))

allow(actions, resources) := {"Effect": "Allow", "Action": actions, "Resource": resources}

ids(findings) := {f.rule_id | some f in findings}

# ---------------------------------------------------------------------------
# TG-AWS-500 privilege escalation

test_tg_aws_500_violation if {
	findings := iam_risks.deny with input as policy([allow(["iam:PassRole"], "*"), allow(["ec2:RunInstances", "ec2:DescribeInstances"], "*")])
	fx.found(findings, "TG-AWS-500", fx.at(3), `IAM policy "app" allows privilege escalation on every resource: iam:PassRole + ec2:RunInstances`)
	one := iam_risks.deny with input as policy([allow("iam:CreatePolicyVersion", "arn:aws:iam::*:policy/*")])
	fx.found(one, "TG-AWS-500", fx.at(3), `IAM policy "app" allows privilege escalation on every resource: iam:CreatePolicyVersion`)
	# iam:* on every resource: several methods at once
	many := iam_risks.deny with input as policy([allow("iam:*", "*")])
	count(fx.ids(many, "TG-AWS-500")) == 1
	# data source: statements without principals
	doc := iam_risks.deny with input as document({"actions": ["lambda:UpdateFunctionCode"], "resources": ["*"]})
	fx.found(doc, "TG-AWS-500", fx.span(10, 15), `IAM policy document "app" allows privilege escalation on every resource: lambda:UpdateFunctionCode`)
}

test_tg_aws_500_compliant if {
	# PassRole alone, or on named roles
	count(fx.ids(iam_risks.deny, "TG-AWS-500")) == 0 with input as policy([allow(["iam:PassRole", "ec2:RunInstances"], "arn:aws:iam::123456789012:role/app")])
	count(fx.ids(iam_risks.deny, "TG-AWS-500")) == 0 with input as policy([allow("ec2:RunInstances", "*")])
	# taken back by a Deny
	count(fx.ids(iam_risks.deny, "TG-AWS-500")) == 0 with input as policy([allow("iam:CreateAccessKey", "*"), {"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*"}])
	# everything on everything is TG-AWS-050's
	count(fx.ids(iam_risks.deny, "TG-AWS-500")) == 0 with input as policy([allow("*", "*")])
	# a key policy statement (principal) in a data source is not an identity grant
	count(fx.ids(iam_risks.deny, "TG-AWS-500")) == 0 with input as document({"actions": ["iam:CreateAccessKey"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::123456789012:root"]}]})
	# unknown effect or actions
	count(fx.ids(iam_risks.deny, "TG-AWS-500")) == 0 with input as document({"actions": ["lambda:UpdateFunctionCode"], "resources": ["*"], "effect": fx.unknown})
	count(fx.ids(iam_risks.deny, "TG-AWS-500")) == 0 with input as document({"actions": fx.unknown, "resources": ["*"]})
	count(iam_risks.deny) == 0 with input as fx.doc("aws_iam_policy", "app", fx.block(1, 4, {"policy": fx.unknown}, {"policy": 3}))
}

# ---------------------------------------------------------------------------
# TG-AWS-501 credentials

test_tg_aws_501_violation if {
	findings := iam_risks.deny with input as policy([allow(["sts:AssumeRole", "s3:ListBucket"], "*")])
	fx.found(findings, "TG-AWS-501", fx.at(3), `IAM policy "app" allows actions that return credentials on every resource (sts:AssumeRole on Resource "*")`)
	doc := iam_risks.deny with input as document({"actions": ["ec2:Get*"], "resources": ["*"]})
	fx.found(doc, "TG-AWS-501", fx.span(11, 14), `IAM policy document "app" allows actions that return credentials on every resource (ec2:GetPasswordData on Resource "*")`)
	role := iam_risks.deny with input as fx.doc("aws_iam_role", "r", fx.block(1, 8, {"inline_policy": [fx.block(4, 7, {"policy": json.marshal({"Statement": allow("redshift:GetClusterCredentials", "arn:aws:redshift:*:*:dbuser:*")})}, {"policy": 6})]}, {}))
	fx.found(role, "TG-AWS-501", fx.at(6), `IAM role "r" has an inline policy that allows actions that return credentials on every resource (redshift:GetClusterCredentials on Resource "arn:aws:redshift:*:*:dbuser:*")`)
}

test_tg_aws_501_compliant if {
	count(fx.ids(iam_risks.deny, "TG-AWS-501")) == 0 with input as policy([allow("sts:AssumeRole", "arn:aws:iam::123456789012:role/deployer")])
	# accepts no resource but "*"
	count(iam_risks.deny) == 0 with input as policy([allow(["ecr:GetAuthorizationToken", "sts:GetCallerIdentity"], "*")])
	# sts:* is TG-AWS-208's
	count(fx.ids(iam_risks.deny, "TG-AWS-501")) == 0 with input as policy([allow("sts:*", "*")])
	count(fx.ids(iam_risks.deny, "TG-AWS-501")) == 0 with input as policy([{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}])
}

# ---------------------------------------------------------------------------
# TG-AWS-502 data exfiltration

test_tg_aws_502_violation if {
	findings := iam_risks.deny with input as policy([{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "ssm:GetParameter*"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}])
	fx.found(findings, "TG-AWS-502", fx.at(3), `IAM policy "app" allows reading the data and secrets of every resource (secretsmanager:GetSecretValue, ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath on Resource "*")`)
	s3 := iam_risks.deny with input as document({"actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::*/*"]})
	fx.found(s3, "TG-AWS-502", fx.span(11, 14), `IAM policy document "app" allows reading the data and secrets of every resource (s3:GetObject on Resource "arn:aws:s3:::*/*")`)
}

test_tg_aws_502_compliant if {
	count(fx.ids(iam_risks.deny, "TG-AWS-502")) == 0 with input as policy([allow("s3:GetObject", "arn:aws:s3:::acme/*")])
	count(fx.ids(iam_risks.deny, "TG-AWS-502")) == 0 with input as policy([allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/*")])
	count(fx.ids(iam_risks.deny, "TG-AWS-502")) == 0 with input as policy([allow("s3:ListBucket", "*")])
}

# ---------------------------------------------------------------------------
# TG-AWS-503 permissions management

test_tg_aws_503_violation if {
	findings := iam_risks.deny with input as policy([allow(["s3:PutBucketPolicy", "kms:CreateGrant"], "*")])
	fx.found(findings, "TG-AWS-503", fx.at(3), `IAM policy "app" allows changing permissions on every resource with no Condition (kms:CreateGrant, s3:PutBucketPolicy on Resource "*")`)
	# a write pattern that takes in permission changes is reported here, not as a write
	put := iam_risks.deny with input as policy([allow("sns:Set*", "*")])
	fx.found(put, "TG-AWS-503", fx.at(3), `IAM policy "app" allows changing permissions on every resource with no Condition (sns:SetTopicAttributes on Resource "*")`)
	count(fx.ids(put, "TG-AWS-504")) == 0
}

test_tg_aws_503_compliant if {
	count(fx.ids(iam_risks.deny, "TG-AWS-503")) == 0 with input as policy([allow("s3:PutBucketPolicy", "arn:aws:s3:::acme")])
	count(fx.ids(iam_risks.deny, "TG-AWS-503")) == 0 with input as policy([{"Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*", "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}])
	# a Condition the data source does not decide
	count(fx.ids(iam_risks.deny, "TG-AWS-503")) == 0 with input as document({"actions": ["kms:CreateGrant"], "resources": ["*"], "condition": fx.unknown})
}

# ---------------------------------------------------------------------------
# TG-AWS-504 write without constraints

test_tg_aws_504_violation if {
	findings := iam_risks.deny with input as policy([allow(["dynamodb:PutItem", "dynamodb:GetItem", "logs:CreateLogStream"], "*")])
	fx.found(findings, "TG-AWS-504", fx.at(3), `IAM policy "app" allows writing to every resource with no Condition (dynamodb:PutItem, logs:CreateLogStream on Resource "*")`)
	count(fx.ids(findings, "TG-AWS-505")) == 0
	not_action := iam_risks.deny with input as policy([{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}])
	fx.found(not_action, "TG-AWS-504", fx.at(3), `IAM policy "app" allows writing to every resource with no Condition (every action except iam:*, organizations:* on Resource "*")`)
	doc := iam_risks.deny with input as document({"actions": ["s3:*Object"], "resources": ["*"]})
	fx.found(doc, "TG-AWS-504", fx.span(11, 14), `IAM policy document "app" allows writing to every resource with no Condition (s3:*Object on Resource "*")`)
	sso := iam_risks.deny with input as fx.doc("aws_ssoadmin_permission_set_inline_policy", "ps", fx.block(1, 4, {"inline_policy": json.marshal({"Statement": [allow("ec2:TerminateInstances", "*")]})}, {"inline_policy": 3}))
	fx.found(sso, "TG-AWS-504", fx.at(3), `SSO permission set inline policy "ps" allows writing to every resource with no Condition (ec2:TerminateInstances on Resource "*")`)
}

test_tg_aws_504_compliant if {
	count(fx.ids(iam_risks.deny, "TG-AWS-504")) == 0 with input as policy([allow("dynamodb:PutItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders")])
	# accepts no resource but "*"
	count(iam_risks.deny) == 0 with input as policy([allow(["cloudwatch:PutMetricData", "xray:PutTraceSegments", "ec2:DescribeInstances"], "*")])
	# a Condition narrows it (reported as resource-scoped actions only)
	findings := iam_risks.deny with input as policy([{"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "app"}}}])
	count(fx.ids(findings, "TG-AWS-504")) == 0
	# S3 object paths of one bucket are scoped
	count(iam_risks.deny) == 0 with input as policy([allow("s3:PutObject", "arn:aws:s3:::acme/*")])
	# a statement of a resource-based policy in a data source
	count(iam_risks.deny) == 0 with input as document({"actions": ["kms:Decrypt", "kms:Encrypt"], "resources": ["*"], "principals": [{"type": "Service", "identifiers": ["logs.amazonaws.com"]}]})
	count(iam_risks.deny) == 0 with input as document({"actions": ["kms:Decrypt"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": fx.unknown}]})
}

# ---------------------------------------------------------------------------
# TG-AWS-505 restrictable actions on every resource

test_tg_aws_505_violation if {
	findings := iam_risks.deny with input as policy([allow(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:ListTables"], "*")])
	fx.found(findings, "TG-AWS-505", fx.at(3), `IAM policy "app" grants actions that can be scoped to resources on every resource (dynamodb:GetItem, dynamodb:Query on Resource "*")`)
	cond := iam_risks.deny with input as policy([{"Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "app"}}}])
	fx.found(cond, "TG-AWS-505", fx.at(3), `IAM policy "app" grants actions that can be scoped to resources on every resource (ec2:TerminateInstances on Resource "*")`)
}

test_tg_aws_505_compliant if {
	count(fx.ids(iam_risks.deny, "TG-AWS-505")) == 0 with input as policy([allow(["ec2:Describe*", "s3:ListAllMyBuckets", "sts:GetCallerIdentity"], "*")])
	count(iam_risks.deny) == 0 with input as policy([allow("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders")])
	# the statement is already a write finding
	findings := iam_risks.deny with input as policy([allow(["dynamodb:GetItem", "dynamodb:PutItem"], "*")])
	count(fx.ids(findings, "TG-AWS-505")) == 0
}

# ---------------------------------------------------------------------------
# TG-AWS-506 wildcard patterns

test_tg_aws_506_violation if {
	findings := iam_risks.deny with input as policy([allow(["s3:Get*", "s3:List?ucket"], "arn:aws:s3:::acme/*")])
	fx.found(findings, "TG-AWS-506", fx.at(3), `IAM policy "app" grants actions by wildcard pattern (s3:Get*, s3:List?ucket)`)
	doc := iam_risks.deny with input as document({"actions": ["cloudformation:Describe*"], "resources": ["arn:aws:cloudformation:eu-west-1:123456789012:stack/app/*"]})
	fx.found(doc, "TG-AWS-506", fx.span(11, 14), `IAM policy document "app" grants actions by wildcard pattern (cloudformation:Describe*)`)
}

test_tg_aws_506_compliant if {
	count(iam_risks.deny) == 0 with input as policy([allow(["s3:GetObject"], "arn:aws:s3:::acme/*")])
	# "*" and "service:*" are TG-AWS-050 and TG-AWS-208's
	count(fx.ids(iam_risks.deny, "TG-AWS-506")) == 0 with input as policy([allow(["s3:*"], "arn:aws:s3:::acme/*")])
	count(fx.ids(iam_risks.deny, "TG-AWS-506")) == 0 with input as policy([{"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}])
}

# SSO permission set inline policies are not judged by TG-AWS-050 and TG-AWS-208.

sso(statements) := fx.doc("aws_ssoadmin_permission_set_inline_policy", "ps", fx.block(1, 4, {"inline_policy": json.marshal({"Statement": statements})}, {"inline_policy": 3}))

test_sso_inline_policies_report_wildcards if {
	admin := iam_risks.deny with input as sso([allow("*", "*")])
	fx.found(admin, "TG-AWS-500", fx.at(3), `SSO permission set inline policy "ps" allows every action on every resource (Action "*", Resource "*"), privilege escalation included`)
	count(admin) == 1
	s3 := iam_risks.deny with input as sso([allow("s3:*", "*")])
	fx.found(s3, "TG-AWS-502", fx.at(3), `SSO permission set inline policy "ps" allows reading the data and secrets of every resource (s3:GetObject, s3:GetObjectVersion on Resource "*")`)
	fx.found(s3, "TG-AWS-503", fx.at(3), `SSO permission set inline policy "ps" allows changing permissions on every resource with no Condition (s3:DeleteAccessPointPolicy, s3:DeleteBucketPolicy, s3:PutAccessPointPolicy, s3:PutBucketAcl, s3:PutBucketOwnershipControls, s3:PutBucketPolicy, s3:PutBucketPublicAccessBlock, s3:PutMultiRegionAccessPointPolicy, s3:PutObjectAcl, s3:PutObjectVersionAcl on Resource "*")`)
	fx.found(s3, "TG-AWS-504", fx.at(3), `SSO permission set inline policy "ps" allows writing to every resource with no Condition (s3:* on Resource "*")`)
	# in other policies, these are TG-AWS-050 and TG-AWS-208's findings
	count(iam_risks.deny) == 0 with input as policy([allow("s3:*", "*")])
	count(iam_risks.deny) == 0 with input as policy([allow("*", "*")])
}
