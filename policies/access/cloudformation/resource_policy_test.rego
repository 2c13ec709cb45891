package tollgate.access.cloudformation.resource_policy_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.resource_policy
import rego.v1

#  1 Images:
#  2   Type: AWS::ECR::Repository
#  3   Properties:
#  4     RepositoryPolicyText:
#  5       Statement:
#  6         - Effect: Allow
#  7           Principal: PRINCIPAL
#  8           Action: ecr:BatchGetImage
#  9           Condition: CONDITION
repo(principal, condition) := fx.resource("AWS::ECR::Repository", "Images", {"RepositoryPolicyText": fx.M(4, 9, {}, {"Statement": [fx.M(6, 9, {"Effect": 6, "Principal": 7, "Action": 8}, object.union(
	{"Effect": "Allow", "Principal": principal, "Action": "ecr:BatchGetImage"},
	condition,
))]})}, {}, 9)

test_tg_cfn_138_violation if {
	f := fx.only(resource_policy.deny, "TG-CFN-138") with input as repo("*", {})
	f.location == fx.at(6, 9)
	f.message == `ECR repository "Images" lets anyone (Principal "*", no Condition) ecr:BatchGetImage`

	# A KMS key policy given as a JSON string is located on its property.
	key := fx.resource("AWS::KMS::Key", "Key", {"KeyPolicy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}]}`}, {"KeyPolicy": 4}, 4)
	g := fx.only(resource_policy.deny, "TG-CFN-138") with input as key
	g.location == fx.at(4, 4)
	g.message == `KMS key "Key" lets anyone (Principal "*", no Condition) kms:Decrypt`
}

test_tg_cfn_138_compliant if {
	count(fx.ids(resource_policy.deny, "TG-CFN-138")) == 0 with input as repo(fx.M(7, 7, {"AWS": 7}, {"AWS": "arn:aws:iam::123456789012:root"}), {})
	count(fx.ids(resource_policy.deny, "TG-CFN-138")) == 0 with input as repo("*", {"Condition": fx.M(9, 9, {}, {"StringEquals": fx.M(9, 9, {"aws:PrincipalOrgID": 9}, {"aws:PrincipalOrgID": "o-abc"})})})
}
