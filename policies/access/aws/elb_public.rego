package tollgate.access.aws.elb_public

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_lb": "load balancer",
	"aws_alb": "load balancer",
	"aws_elb": "classic load balancer",
}

# METADATA
# title: Load balancer is internet-facing
# description: |
#   An aws_lb, aws_alb or aws_elb sets internal = false or leaves it out (its default is
#   false): the load balancer gets public addresses, and everything its listeners forward
#   to is reachable from the internet, only as protected as its security groups and the
#   applications behind it. Gateway load balancers, which have no internet-facing mode,
#   are not reported.
# related_resources:
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-scheme
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#internal
# custom:
#   id: TG-AWS-217
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set internal = true for load balancers that serve only the VPC; for a public entry point, record an exception and put AWS WAF and CloudFront in front of it.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"aws_lb", "aws_alb", "aws_elb"}
	r := input.resource
	not r.load_balancer_type == "gateway"
	not lib.unknown(r, "load_balancer_type")
	problem := public(r)
	msg := sprintf("%s %q is internet-facing (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "internal"), msg)
}

public(r) := "internal = false" if {
	lib.is_false(r.internal)
} else := "internal is not set, default false" if {
	lib.missing(r, "internal")
}
