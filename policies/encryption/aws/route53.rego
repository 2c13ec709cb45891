package tollgate.encryption.aws.route53

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Route 53 public hosted zone is not signed with DNSSEC
# description: |
#   No aws_route53_hosted_zone_dnssec refers to this public aws_route53_zone: resolvers
#   cannot verify the zone's answers, so spoofed or cache-poisoned records for the domain
#   are accepted by clients.
# related_resources:
# - https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_hosted_zone_dnssec
# custom:
#   id: TG-AWS-314
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Add an aws_route53_key_signing_key (with a KMS key in us-east-1) and an aws_route53_hosted_zone_dnssec for the zone, then publish the DS record at the parent zone.
#   frameworks:
#     nist-800-53: ["SC-20", "SC-8"]
deny contains finding if {
	input.type == "aws_route53_zone"
	r := input.resource
	public_zone(r)
	not helpers.has_related("aws_route53_hosted_zone_dnssec")
	not helpers.has_related("aws_route53_key_signing_key")
	msg := sprintf("Route 53 hosted zone %q is not signed with DNSSEC (no aws_route53_hosted_zone_dnssec refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# A zone with no vpc block, known to have none.
public_zone(r) if {
	not lib.unknown(r, "vpc")
	count(object.get(r, "vpc", [])) == 0
}
