package tollgate.encryption.cloudformation.acm_wildcard

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation ACM certificate covers wildcard domain names
# description: |
#   The DomainName or one of the SubjectAlternativeNames of an
#   AWS::CertificateManager::Certificate is a wildcard (*.example.com). Every service the
#   certificate is deployed on can then impersonate any host of the domain: one
#   compromised load balancer or distribution exposes the traffic of all the others.
# related_resources:
# - https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#wildcard-names
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-certificatemanager-certificate.html
# custom:
#   id: TG-CFN-176
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Request a certificate for the exact host names each service serves (SubjectAlternativeNames), and keep wildcard certificates for the cases that need them, as recorded exceptions.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-17"]
deny contains finding if {
	input.type == "AWS::CertificateManager::Certificate"
	p := input.resource.Properties
	some key in ["DomainName", "SubjectAlternativeNames"]
	names := [n | some n in helpers.strings_of(p[key]); contains(n, "*")]
	count(names) > 0
	msg := sprintf("ACM certificate %q covers wildcard names (%s: %s)", [input.name, key, concat(", ", names)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, key), msg)
}
