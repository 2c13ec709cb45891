package tollgate.audit.cloudformation.ecs_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.ecs
import rego.v1

#  1 Cluster:
#  2   Type: AWS::ECS::Cluster
#  3   Properties:
#  4     ClusterSettings:
#  5       - Name: NAME
#  6         Value: VALUE
cluster(name, value) := fx.resource("AWS::ECS::Cluster", "Cluster", {"ClusterSettings": [fx.M(5, 6, {"Name": 5, "Value": 6}, {"Name": name, "Value": value})]}, {"ClusterSettings": [4, 6]}, 6)

test_tg_cfn_107_violation if {
	f := fx.only(ecs.deny, "TG-CFN-107") with input as cluster("containerInsights", "disabled")
	f.location == fx.at(5, 6)
	f.message == `ECS cluster "Cluster" does not collect Container Insights (containerInsights = disabled)`

	g := fx.only(ecs.deny, "TG-CFN-107") with input as fx.resource("AWS::ECS::Cluster", "Cluster", {"ClusterName": "apps"}, {"ClusterName": 4}, 4)
	g.location == fx.at(3, 4)
	g.message == `ECS cluster "Cluster" does not collect Container Insights (no ClusterSettings)`
}

test_tg_cfn_107_compliant if {
	count(fx.ids(ecs.deny, "TG-CFN-107")) == 0 with input as cluster("containerInsights", "enabled")
	count(fx.ids(ecs.deny, "TG-CFN-107")) == 0 with input as cluster("containerInsights", "enhanced")

	lost := json.patch(cluster("other", "x"), [{
		"op": "add", "path": "/resource/Properties/__loc/attrs/ClusterSettings",
		"value": {"start_line": 4, "end_line": 6, "unknown": true},
	}])
	count(fx.ids(ecs.deny, "TG-CFN-107")) == 0 with input as lost
}
