package tollgate.access.cloudformation.eks_public_test

import data.tollgate.access.cloudformation.eks_public
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 Cluster:
#  2   Type: AWS::EKS::Cluster
#  3   Properties:
#  4     ResourcesVpcConfig:
#  5       SubnetIds: [subnet-1, subnet-2]
#  6       EndpointPublicAccess: VALUE
cluster(vpc) := fx.resource("AWS::EKS::Cluster", "Cluster", {"ResourcesVpcConfig": fx.M(4, 6, {k: line | some k, _ in vpc; line := {"SubnetIds": 5, "EndpointPublicAccess": 6}[k]}, vpc)}, {}, 6)

test_tg_cfn_103_violation if {
	f := fx.only(eks_public.deny, "TG-CFN-103") with input as cluster({"SubnetIds": ["subnet-1"], "EndpointPublicAccess": true})
	f.location == fx.at(6, 6)
	f.message == `EKS cluster "Cluster" has a public API endpoint (EndpointPublicAccess: true)`

	g := fx.only(eks_public.deny, "TG-CFN-103") with input as cluster({"SubnetIds": ["subnet-1"]})
	g.location == fx.at(4, 6)
	g.message == `EKS cluster "Cluster" has a public API endpoint (EndpointPublicAccess is not set, default true)`
}

test_tg_cfn_103_compliant if {
	count(fx.ids(eks_public.deny, "TG-CFN-103")) == 0 with input as cluster({"SubnetIds": ["subnet-1"], "EndpointPublicAccess": false})
	count(fx.ids(eks_public.deny, "TG-CFN-103")) == 0 with input as cluster({"SubnetIds": ["subnet-1"], "EndpointPublicAccess": "false"})
}
