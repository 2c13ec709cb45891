package tollgate.access.cloudformation.iam_risks_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.iam_risks
import rego.v1

#  1 AppPolicy:
#  2   Type: AWS::IAM::ManagedPolicy
#  3   Properties:
#  4     PolicyDocument:
#  5       Statement:
#  6         - Effect: Allow
#  7           Action: ACTION
#  8           Resource: RESOURCE
managed(statement) := fx.resource("AWS::IAM::ManagedPolicy", "AppPolicy", {"PolicyDocument": fx.M(4, 8, {}, {"Statement": [fx.M(6, 8, {"Effect": 6, "Action": 7, "Resource": 8, "Condition": 8}, statement)]})}, {}, 8)

allow(action, resource) := {"Effect": "Allow", "Action": action, "Resource": resource}

#  1 AppUser:
#  2   Type: AWS::IAM::User
#  3   Properties:
#  4     Policies:
#  5       - PolicyName: app
#  6         PolicyDocument: JSON string
user(statements) := fx.resource("AWS::IAM::User", "AppUser", {"Policies": [fx.M(5, 6, {"PolicyName": 5, "PolicyDocument": 6}, {
	"PolicyName": "app",
	"PolicyDocument": json.marshal({"Statement": statements}),
})]}, {}, 6)

test_tg_cfn_160_violation if {
	f := fx.only(iam_risks.deny, "TG-CFN-160") with input as managed(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*"))
	f.location == fx.at(4, 8)
	f.message == `IAM managed policy "AppPolicy" allows privilege escalation on every resource: iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction`
	g := fx.only(iam_risks.deny, "TG-CFN-160") with input as user([allow("iam:AttachUserPolicy", "*")])
	g.location == fx.at(6, 6)
	g.message == `IAM user "AppUser" has an inline policy "app" that allows privilege escalation on every resource: iam:AttachUserPolicy`
}

test_tg_cfn_160_compliant if {
	count(fx.ids(iam_risks.deny, "TG-CFN-160")) == 0 with input as managed(allow(["iam:PassRole", "lambda:CreateFunction"], "*"))
	count(fx.ids(iam_risks.deny, "TG-CFN-160")) == 0 with input as managed(allow("iam:AttachUserPolicy", "arn:aws:iam::123456789012:user/ops/*"))
	count(fx.ids(iam_risks.deny, "TG-CFN-160")) == 0 with input as managed(allow("*", "*"))
}

test_tg_cfn_161_violation if {
	f := fx.only(iam_risks.deny, "TG-CFN-161") with input as managed(allow(["sts:AssumeRole"], "arn:aws:iam::*:role/*"))
	f.location == fx.at(6, 8)
	f.message == `IAM managed policy "AppPolicy" allows actions that return credentials on every resource (sts:AssumeRole on Resource "arn:aws:iam::*:role/*")`
}

test_tg_cfn_161_compliant if {
	count(iam_risks.deny) == 0 with input as managed(allow("sts:AssumeRole", "arn:aws:iam::123456789012:role/deployer"))
	count(iam_risks.deny) == 0 with input as managed(allow("ecr:GetAuthorizationToken", "*"))
}

test_tg_cfn_162_violation if {
	f := fx.only(iam_risks.deny, "TG-CFN-162") with input as user([allow("secretsmanager:GetSecretValue", "*")])
	f.location == fx.at(6, 6)
	f.message == `IAM user "AppUser" has an inline policy "app" that allows reading the data and secrets of every resource (secretsmanager:GetSecretValue on Resource "*")`
}

test_tg_cfn_162_compliant if {
	count(iam_risks.deny) == 0 with input as user([allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-*")])
}

test_tg_cfn_163_violation if {
	f := fx.only(iam_risks.deny, "TG-CFN-163") with input as managed(allow(["iam:PutRolePolicy", "s3:PutBucketAcl"], "*"))
	f.location == fx.at(6, 8)
	f.message == `IAM managed policy "AppPolicy" allows changing permissions on every resource with no Condition (iam:PutRolePolicy, s3:PutBucketAcl on Resource "*")`
}

test_tg_cfn_163_compliant if {
	cond := object.union(allow("s3:PutBucketAcl", "*"), {"Condition": fx.M(9, 10, {}, {"StringEquals": {"aws:ResourceTag/team": "app"}})})
	count(fx.ids(iam_risks.deny, "TG-CFN-163")) == 0 with input as managed(cond)
	# a Condition the template does not decide
	unknown := json.patch(managed(allow("s3:PutBucketAcl", "*")), [{"op": "add", "path": "/resource/Properties/PolicyDocument/Statement/0/__loc/attrs/Condition/unknown", "value": true}])
	count(fx.ids(iam_risks.deny, "TG-CFN-163")) == 0 with input as unknown
}

test_tg_cfn_164_violation if {
	f := fx.only(iam_risks.deny, "TG-CFN-164") with input as managed(allow(["sqs:SendMessage", "sqs:ReceiveMessage"], "*"))
	f.location == fx.at(6, 8)
	f.message == `IAM managed policy "AppPolicy" allows writing to every resource with no Condition (sqs:SendMessage on Resource "*")`
}

test_tg_cfn_164_compliant if {
	count(iam_risks.deny) == 0 with input as managed(allow("sqs:SendMessage", "arn:aws:sqs:eu-west-1:123456789012:orders"))
	count(iam_risks.deny) == 0 with input as managed(allow(["cloudwatch:PutMetricData", "logs:DescribeLogGroups"], "*"))
	count(iam_risks.deny) == 0 with input as managed({"Effect": "Deny", "Action": "sqs:SendMessage", "Resource": "*"})
}
