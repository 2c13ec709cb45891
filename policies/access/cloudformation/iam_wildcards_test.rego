package tollgate.access.cloudformation.iam_wildcards_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.iam_wildcards
import rego.v1

#  1 AppPolicy:
#  2   Type: AWS::IAM::ManagedPolicy
#  3   Properties:
#  4     PolicyDocument:
#  5       Statement:
#  6         - Effect: Allow
#  7           Action: ACTION
#  8           Resource: RESOURCE
managed(action, resource) := fx.resource("AWS::IAM::ManagedPolicy", "AppPolicy", {"PolicyDocument": fx.M(4, 8, {}, {"Statement": [fx.M(6, 8, {"Effect": 6, "Action": 7, "Resource": 8}, {
	"Effect": "Allow",
	"Action": action,
	"Resource": resource,
})]})}, {}, 8)

#  1 AppRole:
#  2   Type: AWS::IAM::Role
#  3   Properties:
#  4     Policies:
#  5       - PolicyName: app
#  6         PolicyDocument:
#  7           Statement:
#  8             - Effect: Allow
#  9               Action: ACTION
# 10               Resource: RESOURCE
role(action, resource) := fx.resource("AWS::IAM::Role", "AppRole", {"Policies": [fx.M(5, 10, {"PolicyName": 5}, {
	"PolicyName": "app",
	"PolicyDocument": fx.M(6, 10, {}, {"Statement": [fx.M(8, 10, {"Effect": 8, "Action": 9, "Resource": 10}, {
		"Effect": "Allow",
		"Action": action,
		"Resource": resource,
	})]}),
})]}, {}, 10)

test_tg_cfn_094_violation if {
	f := fx.only(iam_wildcards.deny, "TG-CFN-094") with input as managed(["s3:*", "kms:Decrypt"], "arn:aws:s3:::acme/*")
	f.location == fx.at(4, 8)
	f.message == `IAM managed policy "AppPolicy" allows every action of "s3:*"`

	g := fx.only(iam_wildcards.deny, "TG-CFN-094") with input as role("iam:*", "*")
	g.location == fx.at(6, 10)
	g.message == `IAM role "AppRole" has an inline policy "app" that allows every action of "iam:*"`
}

test_tg_cfn_094_compliant if {
	count(fx.ids(iam_wildcards.deny, "TG-CFN-094")) == 0 with input as managed(["s3:GetObject"], "arn:aws:s3:::acme/*")

	# Action "*" on Resource "*" is TG-CFN-009's.
	count(fx.ids(iam_wildcards.deny, "TG-CFN-094")) == 0 with input as managed("*", "*")
}

test_tg_cfn_095_violation if {
	f := fx.only(iam_wildcards.deny, "TG-CFN-095") with input as managed(["s3:GetObject", "s3:Put*"], "*")
	f.location == fx.at(6, 8)
	f.message == `IAM managed policy "AppPolicy" allows reading and writing the objects of every S3 bucket (s3:GetObject, s3:Put* on Resource "*")`
}

test_tg_cfn_095_compliant if {
	count(fx.ids(iam_wildcards.deny, "TG-CFN-095")) == 0 with input as managed(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::acme/*")
	count(fx.ids(iam_wildcards.deny, "TG-CFN-095")) == 0 with input as managed(["s3:GetObject"], "*")

	# A Resource the template does not decide is not evaluated.
	doc := json.patch(managed(["s3:GetObject", "s3:PutObject"], "*"), [
		{"op": "remove", "path": "/resource/Properties/PolicyDocument/Statement/0/Resource"},
		{"op": "add", "path": "/resource/Properties/PolicyDocument/Statement/0/__loc/attrs/Resource", "value": fx.U(8)},
	])
	count(fx.ids(iam_wildcards.deny, "TG-CFN-095")) == 0 with input as doc
}
