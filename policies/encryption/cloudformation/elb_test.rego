package tollgate.encryption.cloudformation.elb_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.elb
import rego.v1

#  1 HttpListener:
#  2   Type: AWS::ElasticLoadBalancingV2::Listener
#  3   Properties:
#  4     Port: 80
#  5     Protocol: HTTP
#  6     DefaultActions:
#  7       - Type: ACTION
#  8         RedirectConfig:
#  9           Protocol: ...
listener(action) := fx.resource(
	"AWS::ElasticLoadBalancingV2::Listener", "HttpListener", {
		"Port": 80,
		"Protocol": "HTTP",
		"DefaultActions": [action],
	},
	{"Port": 4, "Protocol": 5, "DefaultActions": [6, 9]}, 9,
)

forward := fx.M(7, 8, {"Type": 7, "TargetGroupArn": 8}, {"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/app/0123456789abcdef"})

redirect(config) := fx.M(7, 9, {"Type": 7}, {"Type": "redirect", "RedirectConfig": fx.M(8, 9, {k: 9 | some k, _ in config}, config)})

test_tg_cfn_032_violation if {
	f := fx.only(elb.deny, "TG-CFN-032") with input as listener(forward)
	f.location == fx.at(5, 5)
	f.message == `load balancer listener "HttpListener" serves plain HTTP without redirecting to HTTPS (Protocol: HTTP, default action "forward")`
}

test_tg_cfn_032_compliant if {
	count(fx.ids(elb.deny, "TG-CFN-032")) == 0 with input as listener(redirect({"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}))
	count(fx.ids(elb.deny, "TG-CFN-032")) == 0 with input as listener(fx.M(7, 8, {"Type": 7}, {"Type": "fixed-response"}))

	https := json.patch(listener(forward), [{"op": "replace", "path": "/resource/Properties/Protocol", "value": "HTTPS"}])
	count(fx.ids(elb.deny, "TG-CFN-032")) == 0 with input as https
}

test_tg_cfn_032_redirect_keeping_http_fires if {
	count(fx.ids(elb.deny, "TG-CFN-032")) == 1 with input as listener(redirect({"Path": "/app"}))
}

test_tg_cfn_032_unknown_does_not_fire if {
	doc := json.patch(listener(redirect({})), [{"op": "add", "path": "/resource/Properties/DefaultActions/0/RedirectConfig/__loc/attrs/Protocol", "value": fx.U(9)}])
	count(fx.ids(elb.deny, "TG-CFN-032")) == 0 with input as doc
}

#  1 HttpsListener:
#  2   Type: AWS::ElasticLoadBalancingV2::Listener
#  3   Properties:
#  4     Port: 443
#  5     Protocol: HTTPS
#  6     SslPolicy: POLICY
tls_listener(policy) := fx.resource("AWS::ElasticLoadBalancingV2::Listener", "HttpsListener", {"Port": 443, "Protocol": "HTTPS", "SslPolicy": policy}, {"Port": 4, "Protocol": 5, "SslPolicy": 6}, 6)

test_tg_cfn_033_violation if {
	f := fx.only(elb.deny, "TG-CFN-033") with input as tls_listener("ELBSecurityPolicy-2016-08")
	f.location == fx.at(6, 6)
	f.message == `load balancer listener "HttpsListener" accepts TLS 1.0 (SslPolicy: ELBSecurityPolicy-2016-08), older than TLS 1.2`
}

test_tg_cfn_033_compliant if {
	count(fx.ids(elb.deny, "TG-CFN-033")) == 0 with input as tls_listener("ELBSecurityPolicy-TLS13-1-2-2021-06")
	count(fx.ids(elb.deny, "TG-CFN-033")) == 0 with input as tls_listener("ELBSecurityPolicy-FS-1-2-Res-2020-10")

	# A name that does not tell its version.
	count(fx.ids(elb.deny, "TG-CFN-033")) == 0 with input as tls_listener("CustomPolicy")
}

test_tg_cfn_033_tls11_and_parameter if {
	f := fx.only(elb.deny, "TG-CFN-033") with input as tls_listener("ELBSecurityPolicy-TLS-1-1-2017-01")
	f.message == `load balancer listener "HttpsListener" accepts TLS 1.1 (SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01), older than TLS 1.2`
	count(fx.ids(elb.deny, "TG-CFN-033")) == 1 with input as tls_listener("ELBSecurityPolicy-TLS13-1-2-2021-06")
		with data.config.params as {"min_tls_version": "1.3"}
}

test_tg_cfn_033_unset_policy_fires if {
	doc := fx.resource("AWS::ElasticLoadBalancingV2::Listener", "HttpsListener", {"Port": 443, "Protocol": "HTTPS"}, {"Port": 4, "Protocol": 5}, 5)
	f := fx.only(elb.deny, "TG-CFN-033") with input as doc
	f.location == fx.at(3, 5)
	f.message == `load balancer listener "HttpsListener" accepts TLS 1.0 (SslPolicy is not set, default ELBSecurityPolicy-2016-08), older than TLS 1.2`

	# HTTP listeners have no TLS policy; a policy the template does not decide is not evaluated.
	http := fx.resource("AWS::ElasticLoadBalancingV2::Listener", "HttpListener", {"Port": 80, "Protocol": "HTTP"}, {"Port": 4, "Protocol": 5}, 5)
	count(fx.ids(elb.deny, "TG-CFN-033")) == 0 with input as http
	unknown := fx.resource("AWS::ElasticLoadBalancingV2::Listener", "HttpsListener", {"Port": 443, "Protocol": "TLS"}, {"Port": 4, "Protocol": 5, "SslPolicy": fx.U(6)}, 6)
	count(fx.ids(elb.deny, "TG-CFN-033")) == 0 with input as unknown
}
