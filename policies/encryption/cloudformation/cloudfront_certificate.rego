package tollgate.encryption.cloudformation.cloudfront_certificate

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation CloudFront distribution uses the default cloudfront.net certificate
# description: |
#   The DistributionConfig of an AWS::CloudFront::Distribution has no ViewerCertificate, or
#   sets ViewerCertificate.CloudFrontDefaultCertificate to true: viewers reach it through
#   the *.cloudfront.net certificate, whose security policy cannot be chosen and still
#   accepts TLS 1.0 and 1.1. Distributions with their own ACM or IAM certificate have their
#   minimum protocol version checked by TG-CFN-035.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-distribution-viewercertificate.html
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# custom:
#   id: TG-CFN-149
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Serve the distribution on your own domain with an ACM certificate (ViewerCertificate.AcmCertificateArn, SslSupportMethod sni-only) and MinimumProtocolVersion TLSv1.2_2021.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "AWS::CloudFront::Distribution"
	config := input.resource.Properties.DistributionConfig
	is_object(config)
	v := default_certificate(config)
	msg := sprintf("CloudFront distribution %q uses the default cloudfront.net certificate, which accepts TLS 1.0 (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

default_certificate(config) := {"text": "no ViewerCertificate", "location": lib.loc(config)} if {
	lib.missing(config, "ViewerCertificate")
} else := {"text": "CloudFrontDefaultCertificate: true", "location": lib.attr_loc(config.ViewerCertificate, "CloudFrontDefaultCertificate")} if {
	lib.is_true(config.ViewerCertificate.CloudFrontDefaultCertificate)
}
