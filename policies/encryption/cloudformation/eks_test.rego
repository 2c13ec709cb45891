package tollgate.encryption.cloudformation.eks_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.eks
import rego.v1

#  1 Cluster:
#  2   Type: AWS::EKS::Cluster
#  3   Properties:
#  4     RoleArn: arn:aws:iam::111122223333:role/eks
#  5     EncryptionConfig:
#  6       - Provider:
#  7           KeyArn: arn:aws:kms:eu-west-1:111122223333:key/0123abcd
#  8         Resources: RESOURCES
cluster(resources) := fx.resource(
	"AWS::EKS::Cluster", "Cluster", {
		"RoleArn": "arn:aws:iam::111122223333:role/eks",
		"EncryptionConfig": [fx.M(6, 8, {"Resources": 8}, {
			"Provider": fx.M(6, 7, {"KeyArn": 7}, {"KeyArn": "arn:aws:kms:eu-west-1:111122223333:key/0123abcd"}),
			"Resources": resources,
		})],
	},
	{"RoleArn": 4, "EncryptionConfig": [5, 8]}, 8,
)

test_tg_cfn_041_violation if {
	f := fx.only(eks.deny, "TG-CFN-041") with input as fx.resource("AWS::EKS::Cluster", "Cluster", {"RoleArn": "arn:aws:iam::111122223333:role/eks"}, {"RoleArn": 4}, 4)
	f.location == fx.at(3, 4)
	f.message == `EKS cluster "Cluster" does not envelope-encrypt Kubernetes secrets with KMS (no EncryptionConfig for secrets)`
}

test_tg_cfn_041_compliant if {
	count(fx.ids(eks.deny, "TG-CFN-041")) == 0 with input as cluster(["secrets"])
}

test_tg_cfn_041_other_resources_fire if {
	fx.only(eks.deny, "TG-CFN-041").location == fx.at(5, 8) with input as cluster([])
}

test_tg_cfn_041_unknown_does_not_fire if {
	count(fx.ids(eks.deny, "TG-CFN-041")) == 0 with input as fx.resource("AWS::EKS::Cluster", "Cluster", {}, {"EncryptionConfig": fx.U(5)}, 5)
	doc := json.patch(cluster(["secrets"]), [
		{"op": "remove", "path": "/resource/Properties/EncryptionConfig/0/Resources"},
		{"op": "replace", "path": "/resource/Properties/EncryptionConfig/0/__loc/attrs/Resources", "value": fx.U(8)},
	])
	count(fx.ids(eks.deny, "TG-CFN-041")) == 0 with input as doc
}
