package tollgate.access.aws.iam_wildcards_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.iam_wildcards
import rego.v1

# resource "aws_iam_policy" "app" {   # line 1
#   name   = "app"                    # line 2
#   policy = jsonencode(POLICY)       # line 3
# }                                   # line 4
policy(statements) := fx.doc("aws_iam_policy", "app", fx.block(1, 4, {"name": "app", "policy": json.marshal({"Version": "2012-10-17", "Statement": statements})}, {"name": 2, "policy": 3}))

s3_all := {"Effect": "Allow", "Action": ["s3:*", "sqs:SendMessage"], "Resource": "arn:aws:s3:::acme/*"}

test_tg_aws_208_violation if {
	findings := iam_wildcards.deny with input as policy([s3_all])
	fx.found(findings, "TG-AWS-208", fx.at(3), `IAM policy "app" allows every action of "s3:*"`)
	count(findings) == 1
}

test_tg_aws_208_action_star_on_some_resource if {
	fx.found(iam_wildcards.deny, "TG-AWS-208", fx.at(3), `IAM policy "app" allows every action of "*"`) with input as policy([{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::acme"}])
}

test_tg_aws_208_inline_policy if {
	d := fx.doc("aws_iam_role", "r", fx.block(1, 8, {"inline_policy": [fx.block(4, 7, {"policy": json.marshal({"Statement": {"Effect": "Allow", "Action": "IAM:*", "Resource": "*"}})}, {"policy": 6})]}, {}))
	fx.found(iam_wildcards.deny, "TG-AWS-208", fx.at(6), `IAM role "r" has an inline policy that allows every action of "iam:*"`) with input as d
}

test_tg_aws_208_compliant if {
	count(iam_wildcards.deny) == 0 with input as policy([{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}])
	# Action "*" on Resource "*" is TG-AWS-050's finding.
	count(iam_wildcards.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}])
	# taken back by a Deny
	count(iam_wildcards.deny) == 0 with input as policy([s3_all, {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}])
	count(iam_wildcards.deny) == 0 with input as policy([{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}])
	count(iam_wildcards.deny) == 0 with input as fx.doc("aws_iam_policy", "app", fx.block(1, 4, {"policy": fx.unknown}, {"policy": 3}))
}

test_tg_aws_209_violation if {
	findings := iam_wildcards.deny with input as policy([{"Effect": "Allow", "Action": ["s3:Get*", "s3:Put*"], "Resource": "*"}])
	fx.found(findings, "TG-AWS-209", fx.at(3), `IAM policy "app" allows reading and writing the objects of every S3 bucket (s3:Get*, s3:Put* on Resource "*")`)
	count(findings) == 1
}

test_tg_aws_209_compliant if {
	count(iam_wildcards.deny) == 0 with input as policy([{"Effect": "Allow", "Action": ["s3:Get*", "s3:Put*"], "Resource": "arn:aws:s3:::acme/*"}])
	count(iam_wildcards.deny) == 0 with input as policy([{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}])
	# s3:* is TG-AWS-208's finding only
	count(fx.ids(iam_wildcards.deny, "TG-AWS-209")) == 0 with input as policy([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}])
}

test_tg_aws_259_violation if {
	findings := iam_wildcards.deny with input as policy([{"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*"}])
	fx.found(findings, "TG-AWS-259", fx.at(3), `IAM policy "app" allows iam:PassRole on every role (ec2:RunInstances, iam:PassRole on Resource "*")`)
	count(findings) == 1
	roles := iam_wildcards.deny with input as policy([{"Effect": "Allow", "Action": "iam:Pass*", "Resource": "arn:aws:iam::123456789012:role/*"}])
	fx.found(roles, "TG-AWS-259", fx.at(3), `IAM policy "app" allows iam:PassRole on every role (iam:Pass* on Resource "arn:aws:iam::123456789012:role/*")`)
}

test_tg_aws_259_compliant if {
	count(iam_wildcards.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/app-task"}])
	count(iam_wildcards.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}])
	count(iam_wildcards.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}])
	# iam:* is TG-AWS-208's finding.
	count(fx.ids(iam_wildcards.deny, "TG-AWS-259")) == 0 with input as policy([{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}])
}
