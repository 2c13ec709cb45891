package tollgate.access.cloudformation.eks_test

import data.tollgate.access.cloudformation.eks
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 Cluster:
#  2   Type: AWS::EKS::Cluster
#  3   Properties:
#  4     RoleArn: arn:aws:iam::111122223333:role/eks
#  5     ResourcesVpcConfig:
#  6       SubnetIds: [subnet-1, subnet-2]
#  7       EndpointPublicAccess: ...
#  8       PublicAccessCidrs: ...
cluster(vpc) := fx.resource(
	"AWS::EKS::Cluster", "Cluster", {
		"RoleArn": "arn:aws:iam::111122223333:role/eks",
		"ResourcesVpcConfig": fx.M(5, 8, object.union({"SubnetIds": 6}, {k: line | some k, _ in vpc; line := vpc_lines[k]}), object.union({"SubnetIds": ["subnet-1", "subnet-2"]}, vpc)),
	},
	{"RoleArn": 4}, 8,
)

vpc_lines := {"EndpointPublicAccess": 7, "PublicAccessCidrs": 8, "EndpointPrivateAccess": 8}

test_tg_cfn_018_violation if {
	f := fx.only(eks.deny, "TG-CFN-018") with input as cluster({"EndpointPublicAccess": true, "PublicAccessCidrs": ["10.0.0.0/8", "0.0.0.0/0"]})
	f.location == fx.at(8, 8)
	f.message == `EKS cluster "Cluster" exposes its API endpoint to the internet (EndpointPublicAccess with PublicAccessCidrs 0.0.0.0/0)`
}

test_tg_cfn_018_compliant if {
	count(fx.ids(eks.deny, "TG-CFN-018")) == 0 with input as cluster({"EndpointPublicAccess": false, "EndpointPrivateAccess": true})
	count(fx.ids(eks.deny, "TG-CFN-018")) == 0 with input as cluster({"EndpointPublicAccess": "true", "PublicAccessCidrs": ["203.0.113.0/24"]})
}

test_tg_cfn_018_defaults_fire if {
	f := fx.only(eks.deny, "TG-CFN-018") with input as cluster({})
	f.location == fx.at(5, 8)
	f.message == `EKS cluster "Cluster" exposes its API endpoint to the internet (EndpointPublicAccess with PublicAccessCidrs not set, default 0.0.0.0/0)`
}

test_tg_cfn_018_unknown_does_not_fire if {
	doc := json.patch(cluster({"EndpointPublicAccess": true}), [{
		"op": "add",
		"path": "/resource/Properties/ResourcesVpcConfig/__loc/attrs/PublicAccessCidrs",
		"value": fx.U(8),
	}])
	count(fx.ids(eks.deny, "TG-CFN-018")) == 0 with input as doc
}
