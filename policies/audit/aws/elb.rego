package tollgate.audit.aws.elb

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_lb": "load balancer",
	"aws_alb": "load balancer",
	"aws_elb": "classic load balancer",
}

# METADATA
# title: Load balancer access logging is disabled
# description: |
#   An application or network load balancer (aws_lb, aws_alb) has no access_logs block,
#   or one whose enabled is false or not set (its default is false, even with a
#   bucket), or a classic aws_elb has no access_logs block or one with enabled = false.
#   The requests the load balancer served, with client addresses, paths and response
#   codes, are not recorded. Gateway load balancers, which have no access logs, are not
#   reported.
# related_resources:
# - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5
# custom:
#   id: TG-AWS-174
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add access_logs { bucket = aws_s3_bucket.<logs>.id, enabled = true } with a bucket policy that lets the ELB log delivery write to it.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"aws_lb", "aws_alb", "aws_elb"}
	not input.resource.load_balancer_type == "gateway"
	some v in unlogged
	msg := sprintf("%s %q does not write access logs (%s)", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

unlogged contains {"text": "no access_logs block", "location": lib.loc(input.resource)} if {
	helpers.no_block(input.resource, "access_logs")
}

unlogged contains {"text": sprintf("access_logs %s", [problem]), "location": lib.attr_loc(logs, "enabled")} if {
	input.type in {"aws_lb", "aws_alb"}
	some logs in input.resource.access_logs
	problem := helpers.off(logs, "enabled")
}

# Classic load balancers log by default once the block is there.
unlogged contains {"text": "access_logs enabled = false", "location": lib.attr_loc(logs, "enabled")} if {
	input.type == "aws_elb"
	some logs in input.resource.access_logs
	lib.is_false(logs.enabled)
}
