package tollgate.access.cloudformation.elb

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation application load balancer does not drop invalid HTTP headers
# description: |
#   An AWS::ElasticLoadBalancingV2::LoadBalancer of Type application (the default) has no
#   LoadBalancerAttributes entry routing.http.drop_invalid_header_fields.enabled set to
#   true (its default is false): headers with invalid names are forwarded to the targets,
#   which opens the way to HTTP desync and request smuggling between the load balancer and
#   the application. An attribute list the template does not fully decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute.html
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
# custom:
#   id: TG-CFN-101
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add the LoadBalancerAttributes entry routing.http.drop_invalid_header_fields.enabled = "true".
#   frameworks:
#     nist-800-53: ["SC-7", "SI-10"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "AWS::ElasticLoadBalancingV2::LoadBalancer"
	p := input.resource.Properties
	application(p)
	problem := keeps_invalid_headers(p)
	msg := sprintf("load balancer %q forwards invalid HTTP header fields (%s)", [input.name, problem.text])
	finding := lib.finding(rego.metadata.rule(), problem.location, msg)
}

application(p) if p.Type == "application"

application(p) if lib.missing(p, "Type")

drop_key := "routing.http.drop_invalid_header_fields.enabled"

keeps_invalid_headers(p) := {"text": "no LoadBalancerAttributes", "location": lib.loc(p)} if {
	lib.missing(p, "LoadBalancerAttributes")
} else := {"text": sprintf("%s = %v", [drop_key, a.Value]), "location": lib.loc(a)} if {
	some a in p.LoadBalancerAttributes
	a.Key == drop_key
	lib.is_false(a.Value)
} else := {"text": sprintf("no %s attribute, default false", [drop_key]), "location": lib.attr_loc(p, "LoadBalancerAttributes")} if {
	is_array(p.LoadBalancerAttributes)
	not lib.unknown(p, "LoadBalancerAttributes")
	not has_key(p.LoadBalancerAttributes, drop_key)
}

has_key(attrs, key) if {
	some a in attrs
	a.Key == key
}

has_key(attrs, _) if {
	some a in attrs
	is_object(a)
	lib.unknown(a, "Key")
}

# METADATA
# title: CloudFormation load balancer is internet-facing
# description: |
#   An AWS::ElasticLoadBalancingV2::LoadBalancer or AWS::ElasticLoadBalancing::LoadBalancer
#   sets Scheme to internet-facing or leaves it out (its default is internet-facing): the
#   load balancer gets public addresses, and everything its listeners forward to is
#   reachable from the internet, only as protected as its security groups and the
#   applications behind it. Gateway load balancers, which have no scheme, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-loadbalancer.html#cfn-elasticloadbalancingv2-loadbalancer-scheme
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-scheme
# custom:
#   id: TG-CFN-102
#   severity: low
#   category: access
#   provider: aws
#   remediation: Set Scheme to internal for load balancers that serve only the VPC; keep internet-facing ones behind AWS WAF, with security groups limited to the ports they serve.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"}
	p := input.resource.Properties
	not p.Type == "gateway"
	not lib.unknown(p, "Type")
	problem := public(p)
	msg := sprintf("load balancer %q is internet-facing (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "Scheme"), msg)
}

public(p) := "Scheme: internet-facing" if {
	p.Scheme == "internet-facing"
} else := "Scheme is not set, default internet-facing" if {
	lib.missing(p, "Scheme")
}
