package tollgate.audit.aws.dns_firewall_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.dns_firewall
import rego.v1

# resource "aws_route53_zone" "main" {   # line 1
#   name = "example.com"                 # line 2
#   vpc { ... }                          # lines 3-5 (private zones only)
# }                                      # line 6
zone(attrs) := fx.doc("aws_route53_zone", "main", fx.block(1, 6, object.union({"name": "example.com"}, attrs), {"name": 2}))

query_log := fx.block(8, 11, {"cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/example.com"}, {"cloudwatch_log_group_arn": 9})

dnssec := fx.block(13, 15, {}, {})

signed(d) := fx.with_related(d, "aws_route53_hosted_zone_dnssec", [dnssec])

test_tg_aws_313_violation if {
	findings := dns_firewall.deny with input as signed(zone({}))
	fx.found(findings, "TG-AWS-313", fx.span(1, 6), `Route 53 hosted zone "main" has no query logging (no aws_route53_query_log refers to it)`)
	count(findings) == 1
}

test_tg_aws_313_compliant if {
	count(dns_firewall.deny) == 0 with input as fx.with_related(signed(zone({})), "aws_route53_query_log", [query_log])
	private := zone({"vpc": [fx.block(3, 5, {"vpc_id": "vpc-1"}, {"vpc_id": 4})]})
	count(dns_firewall.deny) == 0 with input as private
	count(dns_firewall.deny) == 0 with input as fx.doc("aws_route53_zone", "main", fx.block(1, 6, {"name": "example.com", "vpc": fx.unknown}, {"name": 2, "vpc": 3}))
}

# resource "aws_networkfirewall_firewall" "edge" {   # line 1
#   name   = "edge"                                  # line 2
#   vpc_id = "vpc-1"                                 # line 3
# }                                                  # line 4
firewall := fx.doc("aws_networkfirewall_firewall", "edge", fx.block(1, 4, {"name": "edge", "vpc_id": "vpc-1"}, {"name": 2, "vpc_id": 3}))

test_tg_aws_315_violation if {
	findings := dns_firewall.deny with input as firewall
	fx.found(findings, "TG-AWS-315", fx.span(1, 4), `Network Firewall "edge" has no logging configuration (no aws_networkfirewall_logging_configuration refers to it)`)
	count(findings) == 1
}

test_tg_aws_315_compliant if {
	count(dns_firewall.deny) == 0 with input as fx.with_related(firewall, "aws_networkfirewall_logging_configuration", [fx.block(6, 12, {}, {})])
}
