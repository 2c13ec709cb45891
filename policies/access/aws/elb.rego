package tollgate.access.aws.elb

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Application load balancer does not drop invalid HTTP headers
# description: |
#   drop_invalid_header_fields is false, or not set (its default is false), on an
#   application load balancer (aws_lb or aws_alb whose load_balancer_type is
#   "application", the default). Headers with invalid names are forwarded to the
#   targets, which opens the way to HTTP desync and request smuggling attacks between
#   the load balancer and the application.
# related_resources:
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
# - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4
# custom:
#   id: TG-AWS-055
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set drop_invalid_header_fields = true (and keep desync_mitigation_mode at defensive or strictest).
#   frameworks:
#     nist-800-53: ["SI-10"]
deny contains finding if {
	input.type in {"aws_lb", "aws_alb"}
	r := input.resource
	application(r)
	problem := helpers.off(r, "drop_invalid_header_fields")
	msg := sprintf("load balancer %q forwards invalid HTTP header fields (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "drop_invalid_header_fields"), msg)
}

application(r) if r.load_balancer_type == "application"

application(r) if lib.missing(r, "load_balancer_type")
