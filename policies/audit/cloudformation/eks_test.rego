package tollgate.audit.cloudformation.eks_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.eks
import rego.v1

#  1 Cluster:
#  2   Type: AWS::EKS::Cluster
#  3   Properties:
#  4     RoleArn: arn:aws:iam::111122223333:role/eks
#  5     Logging:
#  6       ClusterLogging:
#  7         EnabledTypes:
#  8           - Type: TYPE
#  9           - ...
cluster(types) := fx.resource(
	"AWS::EKS::Cluster", "Cluster", {
		"RoleArn": "arn:aws:iam::111122223333:role/eks",
		"Logging": fx.M(5, 7 + count(types), {}, {"ClusterLogging": fx.M(6, 7 + count(types), {"EnabledTypes": [7, 7 + count(types)]}, {"EnabledTypes": [fx.M(line, line, {"Type": line}, {"Type": t}) | some i, t in types; line := 8 + i]})}),
	},
	{"RoleArn": 4}, 7 + count(types),
)

test_tg_cfn_058_violation if {
	f := fx.only(eks.deny, "TG-CFN-058") with input as cluster(["api", "scheduler"])
	f.location == fx.at(7, 9)
	f.message == `EKS cluster "Cluster" does not log audit, authenticator control plane events (Logging EnabledTypes)`
}

test_tg_cfn_058_compliant if {
	count(fx.ids(eks.deny, "TG-CFN-058")) == 0 with input as cluster(["api", "audit", "authenticator", "controllerManager", "scheduler"])
}

test_tg_cfn_058_no_logging_fires if {
	f := fx.only(eks.deny, "TG-CFN-058") with input as fx.resource("AWS::EKS::Cluster", "Cluster", {"RoleArn": "arn:aws:iam::111122223333:role/eks"}, {"RoleArn": 4}, 4)
	f.location == fx.at(3, 4)
	f.message == `EKS cluster "Cluster" does not log api, audit, authenticator control plane events (Logging EnabledTypes)`
}

test_tg_cfn_058_unknown_does_not_fire if {
	count(fx.ids(eks.deny, "TG-CFN-058")) == 0 with input as fx.resource("AWS::EKS::Cluster", "Cluster", {}, {"Logging": fx.U(5)}, 5)
	doc := json.patch(cluster([]), [
		{"op": "remove", "path": "/resource/Properties/Logging/ClusterLogging/EnabledTypes"},
		{"op": "replace", "path": "/resource/Properties/Logging/ClusterLogging/__loc/attrs/EnabledTypes", "value": fx.U(7)},
	])
	count(fx.ids(eks.deny, "TG-CFN-058")) == 0 with input as doc
}
