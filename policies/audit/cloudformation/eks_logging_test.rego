package tollgate.audit.cloudformation.eks_logging_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.eks_logging
import rego.v1

#  1 Cluster:
#  2   Type: AWS::EKS::Cluster
#  3   Properties:
#  4     Logging:
#  5       ClusterLogging:
#  6         EnabledTypes:
#  7           - Type: ...
cluster(types) := fx.resource("AWS::EKS::Cluster", "Cluster", {"Logging": fx.M(4, 7, {}, {"ClusterLogging": fx.M(5, 7, {"EnabledTypes": [6, 7]}, {"EnabledTypes": [fx.M(7, 7, {"Type": 7}, {"Type": t}) | some t in types]})})}, {}, 7)

test_tg_cfn_143_violation if {
	f := fx.only(eks_logging.deny, "TG-CFN-143") with input as cluster(["api", "audit", "authenticator"])
	f.location == fx.at(6, 7)
	f.message == `EKS cluster "Cluster" does not log every control plane component (missing controllerManager, scheduler)`

	g := fx.only(eks_logging.deny, "TG-CFN-143") with input as fx.resource("AWS::EKS::Cluster", "Cluster", {"Name": "c"}, {"Name": 4}, 4)
	g.location == fx.at(3, 4)
}

test_tg_cfn_143_compliant if {
	count(fx.ids(eks_logging.deny, "TG-CFN-143")) == 0 with input as cluster(["api", "audit", "authenticator", "controllerManager", "scheduler"])

	lost := json.patch(cluster(["api"]), [{
		"op": "add", "path": "/resource/Properties/Logging/ClusterLogging/__loc/attrs/EnabledTypes",
		"value": {"start_line": 6, "end_line": 7, "unknown": true},
	}])
	count(fx.ids(eks_logging.deny, "TG-CFN-143")) == 0 with input as lost
}
