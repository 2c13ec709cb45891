package tollgate.audit.aws.dns_firewall

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Route 53 public hosted zone has no query logging
# description: |
#   No aws_route53_query_log refers to this public aws_route53_zone: the DNS queries
#   Route 53 answers for the domain (which names were looked up, from which resolvers)
#   are not recorded, and neither are lookups of names that should not exist, a sign of
#   reconnaissance or of a takeover attempt. Private zones, whose queries are logged by
#   Resolver query logging instead, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_query_log
# custom:
#   id: TG-AWS-313
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_route53_query_log with zone_id = aws_route53_zone.<name>.zone_id and a CloudWatch log group in us-east-1 whose resource policy lets route53.amazonaws.com write.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_route53_zone"
	r := input.resource
	public_zone(r)
	not helpers.has_related("aws_route53_query_log")
	msg := sprintf("Route 53 hosted zone %q has no query logging (no aws_route53_query_log refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# A zone with no vpc block, known to have none.
public_zone(r) if {
	not lib.unknown(r, "vpc")
	count(object.get(r, "vpc", [])) == 0
}

# METADATA
# title: Network Firewall has no logging configuration
# description: |
#   No aws_networkfirewall_logging_configuration refers to this
#   aws_networkfirewall_firewall: the flows it saw and the alerts its stateful rules
#   raised are not recorded, so what the firewall blocked or let through cannot be
#   reviewed.
# related_resources:
# - https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/networkfirewall_logging_configuration
# custom:
#   id: TG-AWS-315
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add an aws_networkfirewall_logging_configuration with firewall_arn = aws_networkfirewall_firewall.<name>.arn sending ALERT and FLOW logs to CloudWatch Logs, S3 or Firehose.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_networkfirewall_firewall"
	r := input.resource
	not helpers.has_related("aws_networkfirewall_logging_configuration")
	msg := sprintf("Network Firewall %q has no logging configuration (no aws_networkfirewall_logging_configuration refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
