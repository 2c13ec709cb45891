package tollgate.access.cloudformation.eks_nodegroup_test

import data.tollgate.access.cloudformation.eks_nodegroup
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 Nodes:
#  2   Type: AWS::EKS::Nodegroup
#  3   Properties:
#  4     RemoteAccess:
#  5       Ec2SshKey: ops
#  6       SourceSecurityGroups: [sg-123]
nodes(ra) := fx.resource("AWS::EKS::Nodegroup", "Nodes", {"RemoteAccess": fx.M(4, 6, {k: line | some k, _ in ra; line := {"Ec2SshKey": 5, "SourceSecurityGroups": 6}[k]}, ra)}, {}, 6)

test_tg_cfn_145_violation if {
	f := fx.only(eks_nodegroup.deny, "TG-CFN-145") with input as nodes({"Ec2SshKey": "ops"})
	f.location == fx.at(4, 6)
	f.message == `EKS node group "Nodes" opens SSH on its nodes to 0.0.0.0/0 (RemoteAccess.Ec2SshKey without SourceSecurityGroups)`
}

test_tg_cfn_145_compliant if {
	count(fx.ids(eks_nodegroup.deny, "TG-CFN-145")) == 0 with input as nodes({"Ec2SshKey": "ops", "SourceSecurityGroups": ["sg-123"]})
	count(fx.ids(eks_nodegroup.deny, "TG-CFN-145")) == 0 with input as fx.resource("AWS::EKS::Nodegroup", "Nodes", {"NodeRole": "arn"}, {"NodeRole": 4}, 4)

	unknown := json.patch(nodes({"Ec2SshKey": "ops"}), [{"op": "add", "path": "/resource/Properties/RemoteAccess/__loc/attrs/SourceSecurityGroups", "value": fx.U(6)}])
	count(fx.ids(eks_nodegroup.deny, "TG-CFN-145")) == 0 with input as unknown
}
