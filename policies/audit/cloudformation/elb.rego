package tollgate.audit.cloudformation.elb

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation load balancer access logging is disabled
# description: |
#   An AWS::ElasticLoadBalancingV2::LoadBalancer (application or network) has no
#   LoadBalancerAttributes entry access_logs.s3.enabled set to true, or an
#   AWS::ElasticLoadBalancing::LoadBalancer has no AccessLoggingPolicy with Enabled true
#   (access logs are off by default): the clients, requests, TLS details and responses the
#   load balancer handled are not recorded. Gateway load balancers, which have no access
#   logs, are not reported, nor is an attribute list the template does not fully decide.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute.html
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-elb-accessloggingpolicy.html
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
# custom:
#   id: TG-CFN-100
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add the LoadBalancerAttributes access_logs.s3.enabled = "true" and access_logs.s3.bucket (classic load balancers - AccessLoggingPolicy with Enabled true and an S3BucketName).
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"}
	some problem in problems
	finding := lib.finding(rego.metadata.rule(), problem.location, problem.message)
}

problems contains {"location": problem.location, "message": msg} if {
	input.type == "AWS::ElasticLoadBalancingV2::LoadBalancer"
	p := input.resource.Properties
	not gateway(p)
	not lib.unknown(p, "Type")
	problem := v2_problem(p)
	msg := sprintf("load balancer %q does not write access logs (%s)", [input.name, problem.text])
}

problems contains {"location": problem.location, "message": msg} if {
	input.type == "AWS::ElasticLoadBalancing::LoadBalancer"
	p := input.resource.Properties
	problem := classic_problem(p)
	msg := sprintf("classic load balancer %q does not write access logs (%s)", [input.name, problem.text])
}

gateway(p) if p.Type == "gateway"

v2_problem(p) := {"text": "no LoadBalancerAttributes", "location": lib.loc(p)} if {
	lib.missing(p, "LoadBalancerAttributes")
} else := {"text": sprintf("access_logs.s3.enabled = %v", [a.Value]), "location": lib.loc(a)} if {
	some a in p.LoadBalancerAttributes
	a.Key == "access_logs.s3.enabled"
	lib.is_false(a.Value)
} else := {"text": "no access_logs.s3.enabled attribute", "location": lib.attr_loc(p, "LoadBalancerAttributes")} if {
	is_array(p.LoadBalancerAttributes)
	not lib.unknown(p, "LoadBalancerAttributes")
	not has_key(p.LoadBalancerAttributes, "access_logs.s3.enabled")
}

has_key(attrs, key) if {
	some a in attrs
	a.Key == key
}

# An entry whose Key the template does not decide may be any attribute.
has_key(attrs, _) if {
	some a in attrs
	is_object(a)
	lib.unknown(a, "Key")
}

classic_problem(p) := {"text": "no AccessLoggingPolicy", "location": lib.loc(p)} if {
	lib.missing(p, "AccessLoggingPolicy")
} else := {"text": "AccessLoggingPolicy.Enabled: false", "location": lib.attr_loc(p.AccessLoggingPolicy, "Enabled")} if {
	lib.is_false(p.AccessLoggingPolicy.Enabled)
}
