package tollgate.access.cloudformation.elb_test

import data.tollgate.access.cloudformation.elb
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 Alb:
#  2   Type: AWS::ElasticLoadBalancingV2::LoadBalancer
#  3   Properties:
#  4     Scheme: SCHEME
#  5     LoadBalancerAttributes:
#  6       - Key: KEY
#  7         Value: VALUE
alb(scheme, key, value) := fx.resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Alb", {"Scheme": scheme, "LoadBalancerAttributes": [fx.M(6, 7, {"Key": 6, "Value": 7}, {"Key": key, "Value": value})]}, {"Scheme": 4, "LoadBalancerAttributes": [5, 7]}, 7)

test_tg_cfn_101_violation if {
	f := fx.only(elb.deny, "TG-CFN-101") with input as alb("internal", "routing.http.drop_invalid_header_fields.enabled", "false")
	f.location == fx.at(6, 7)
	f.message == `load balancer "Alb" forwards invalid HTTP header fields (routing.http.drop_invalid_header_fields.enabled = false)`

	g := fx.only(elb.deny, "TG-CFN-101") with input as alb("internal", "idle_timeout.timeout_seconds", "60")
	g.location == fx.at(5, 7)
}

test_tg_cfn_101_compliant if {
	count(fx.ids(elb.deny, "TG-CFN-101")) == 0 with input as alb("internal", "routing.http.drop_invalid_header_fields.enabled", "true")

	# Network load balancers do not parse HTTP.
	nlb := fx.resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Nlb", {"Type": "network"}, {"Type": 4}, 4)
	count(fx.ids(elb.deny, "TG-CFN-101")) == 0 with input as nlb
}

test_tg_cfn_102_violation if {
	f := fx.only(elb.deny, "TG-CFN-102") with input as alb("internet-facing", "x", "y")
	f.location == fx.at(4, 4)
	f.message == `load balancer "Alb" is internet-facing (Scheme: internet-facing)`

	clb := fx.resource("AWS::ElasticLoadBalancing::LoadBalancer", "Clb", {"CrossZone": true}, {"CrossZone": 4}, 4)
	g := fx.only(elb.deny, "TG-CFN-102") with input as clb
	g.location == fx.at(3, 4)
	g.message == `load balancer "Clb" is internet-facing (Scheme is not set, default internet-facing)`
}

test_tg_cfn_102_compliant if {
	count(fx.ids(elb.deny, "TG-CFN-102")) == 0 with input as alb("internal", "x", "y")

	gwlb := fx.resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Gwlb", {"Type": "gateway"}, {"Type": 4}, 4)
	count(fx.ids(elb.deny, "TG-CFN-102")) == 0 with input as gwlb

	unknown := fx.resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Alb", {}, {"Scheme": fx.U(4)}, 4)
	count(fx.ids(elb.deny, "TG-CFN-102")) == 0 with input as unknown
}
