package tollgate.access.cloudformation.iam_trust_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.iam_trust
import rego.v1

#  1 AppRole:
#  2   Type: AWS::IAM::Role
#  3   Properties:
#  4     AssumeRolePolicyDocument:
#  5       Statement:
#  6         - Effect: Allow
#  7           Principal: PRINCIPAL
#  8           Action: ACTION
#  9     Policies:
# 10       - PolicyName: app
# 11         PolicyDocument:
# 12           Statement:
# 13             - Effect: Allow
# 14               Action: ACTION
# 15               Resource: RESOURCE
role(trust, policies) := fx.resource("AWS::IAM::Role", "AppRole", {
	"AssumeRolePolicyDocument": fx.M(4, 8, {}, {"Statement": [fx.M(6, 8, {"Effect": 6, "Action": 8}, trust)]}),
	"Policies": policies,
}, {}, 15)

inline(statement) := [fx.M(10, 15, {"PolicyName": 10}, {
	"PolicyName": "app",
	"PolicyDocument": fx.M(11, 15, {}, {"Statement": [fx.M(13, 15, {"Effect": 13, "Action": 14, "Resource": 15}, statement)]}),
})]

sagemaker := {"Effect": "Allow", "Principal": fx.M(7, 7, {}, {"Service": ["sagemaker.amazonaws.com"]}), "Action": "sts:AssumeRole"}

test_tg_cfn_165_violation if {
	f := fx.only(iam_trust.deny, "TG-CFN-165") with input as role({"Effect": "Allow", "Principal": fx.M(7, 7, {}, {"AWS": "arn:aws:iam::210987654321:root"}), "Action": "sts:AssumeRole"}, [])
	f.location == fx.at(6, 8)
	f.message == `IAM role "AppRole" trusts every principal of account 210987654321 (Principal "arn:aws:iam::210987654321:root") with no Condition`
}

test_tg_cfn_165_compliant if {
	count(iam_trust.deny) == 0 with input as role({"Effect": "Allow", "Principal": fx.M(7, 7, {}, {"AWS": "arn:aws:iam::210987654321:role/ci"}), "Action": "sts:AssumeRole"}, [])
	count(iam_trust.deny) == 0 with input as role({"Effect": "Allow", "Principal": fx.M(7, 7, {}, {"AWS": "210987654321"}), "Action": "sts:AssumeRole", "Condition": fx.M(9, 9, {}, {"StringEquals": {"sts:ExternalId": "x"}})}, [])
}

test_tg_cfn_166_violation if {
	f := fx.only(iam_trust.deny, "TG-CFN-166") with input as role(sagemaker, inline({"Effect": "Allow", "Action": ["*"], "Resource": "arn:aws:s3:::data/*"}))
	f.location == fx.at(13, 15)
	f.message == `IAM role "AppRole" of SageMaker has an inline policy that allows every action (Action "*")`
	g := fx.only(iam_trust.deny, "TG-CFN-166") with input as role(object.union(sagemaker, {"Action": "*"}), [])
	g.location == fx.at(6, 8)
	g.message == `IAM role "AppRole" of SageMaker has a trust statement that allows every action (Action "*")`
}

test_tg_cfn_166_compliant if {
	count(iam_trust.deny) == 0 with input as role(sagemaker, inline({"Effect": "Allow", "Action": ["sagemaker:*", "s3:GetObject"], "Resource": "*"}))
	# not a SageMaker role
	lambda := {"Effect": "Allow", "Principal": fx.M(7, 7, {}, {"Service": "lambda.amazonaws.com"}), "Action": "sts:AssumeRole"}
	count(iam_trust.deny) == 0 with input as role(lambda, inline({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::data/*"}))
}
