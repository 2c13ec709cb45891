package tollgate.encryption.aws.acm_wildcard

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: ACM certificate covers wildcard domain names
# description: |
#   The domain_name or one of the subject_alternative_names of an aws_acm_certificate is
#   a wildcard (*.example.com). Every service the certificate is deployed on can then
#   impersonate any host of the domain: one compromised load balancer, distribution or
#   exported private key exposes the traffic of all the others, and the certificate does
#   not say which hosts it really serves.
# related_resources:
# - https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#wildcard-names
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/acm_certificate#domain_name
# custom:
#   id: TG-AWS-566
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Request a certificate for the exact host names each service serves (subject_alternative_names), and keep wildcard certificates for the cases that need them, as recorded exceptions.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-17"]
deny contains finding if {
	input.type == "aws_acm_certificate"
	r := input.resource
	some key in ["domain_name", "subject_alternative_names"]
	names := [n | some n in helpers.strings_of(r[key]); contains(n, "*")]
	count(names) > 0
	msg := sprintf("ACM certificate %q covers wildcard names (%s = %s)", [input.name, key, concat(", ", names)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}
