package tollgate.audit.cloudformation.elb_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.elb
import rego.v1

#  1 Alb:
#  2   Type: AWS::ElasticLoadBalancingV2::LoadBalancer
#  3   Properties:
#  4     Type: TYPE
#  5     LoadBalancerAttributes:
#  6       - Key: KEY
#  7         Value: VALUE
alb(typ, key, value) := fx.resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Alb", {"Type": typ, "LoadBalancerAttributes": [fx.M(6, 7, {"Key": 6, "Value": 7}, {"Key": key, "Value": value})]}, {"Type": 4, "LoadBalancerAttributes": [5, 7]}, 7)

test_tg_cfn_100_violation if {
	f := fx.only(elb.deny, "TG-CFN-100") with input as alb("application", "access_logs.s3.enabled", "false")
	f.location == fx.at(6, 7)
	f.message == `load balancer "Alb" does not write access logs (access_logs.s3.enabled = false)`

	g := fx.only(elb.deny, "TG-CFN-100") with input as alb("network", "deletion_protection.enabled", "true")
	g.location == fx.at(5, 7)
	g.message == `load balancer "Alb" does not write access logs (no access_logs.s3.enabled attribute)`

	h := fx.only(elb.deny, "TG-CFN-100") with input as fx.resource("AWS::ElasticLoadBalancing::LoadBalancer", "Clb", {"Scheme": "internal"}, {"Scheme": 4}, 4)
	h.location == fx.at(3, 4)
	h.message == `classic load balancer "Clb" does not write access logs (no AccessLoggingPolicy)`
}

test_tg_cfn_100_compliant if {
	count(fx.ids(elb.deny, "TG-CFN-100")) == 0 with input as alb("application", "access_logs.s3.enabled", "true")
	count(fx.ids(elb.deny, "TG-CFN-100")) == 0 with input as alb("application", "access_logs.s3.enabled", true)
	count(fx.ids(elb.deny, "TG-CFN-100")) == 0 with input as alb("gateway", "deletion_protection.enabled", "true")

	# An attribute list that lost an item to a condition.
	lost := json.patch(alb("application", "deletion_protection.enabled", "true"), [{
		"op": "add", "path": "/resource/Properties/__loc/attrs/LoadBalancerAttributes",
		"value": {"start_line": 5, "end_line": 7, "unknown": true},
	}])
	count(fx.ids(elb.deny, "TG-CFN-100")) == 0 with input as lost

	clb := fx.resource("AWS::ElasticLoadBalancing::LoadBalancer", "Clb", {"AccessLoggingPolicy": fx.M(4, 6, {"Enabled": 5, "S3BucketName": 6}, {"Enabled": true, "S3BucketName": "acme-logs"})}, {}, 6)
	count(fx.ids(elb.deny, "TG-CFN-100")) == 0 with input as clb
}

