package tollgate.encryption.cloudformation.cloudfront

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation CloudFront distribution serves plain HTTP to viewers
# description: |
#   ViewerProtocolPolicy is allow-all on the DefaultCacheBehavior or a CacheBehaviors
#   entry of an AWS::CloudFront::Distribution: viewers can fetch the content, and send
#   cookies and form data, over unencrypted HTTP.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-distribution-defaultcachebehavior.html#cfn-cloudfront-distribution-defaultcachebehavior-viewerprotocolpolicy
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
# custom:
#   id: TG-CFN-034
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set ViewerProtocolPolicy to redirect-to-https (or https-only) on every cache behavior.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "AWS::CloudFront::Distribution"
	some b in behaviors
	b.behavior.ViewerProtocolPolicy == "allow-all"
	msg := sprintf("CloudFront distribution %q serves plain HTTP to viewers (%s ViewerProtocolPolicy: allow-all)", [input.name, b.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(b.behavior, "ViewerProtocolPolicy"), msg)
}

behaviors contains {"name": "DefaultCacheBehavior", "behavior": input.resource.Properties.DistributionConfig.DefaultCacheBehavior}

behaviors contains {"name": name, "behavior": b} if {
	some b in input.resource.Properties.DistributionConfig.CacheBehaviors
	name := behavior_name(b)
}

behavior_name(b) := sprintf("CacheBehaviors %q", [b.PathPattern]) if is_string(b.PathPattern)

else := "CacheBehaviors"

# METADATA
# title: CloudFormation CloudFront distribution allows outdated TLS versions
# description: |
#   The ViewerCertificate of an AWS::CloudFront::Distribution with its own certificate
#   (AcmCertificateArn or IamCertificateId) has a MinimumProtocolVersion older than the
#   min_tls_version parameter (1.2 by default), or none (CloudFront's default is TLSv1):
#   viewers can negotiate SSL 3.0, TLS 1.0 or TLS 1.1. Distributions on the default
#   *.cloudfront.net certificate, whose minimum cannot be changed, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-distribution-viewercertificate.html
# - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# custom:
#   id: TG-CFN-035
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set MinimumProtocolVersion to TLSv1.2_2021 (or newer) in ViewerCertificate.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "AWS::CloudFront::Distribution"
	cert := input.resource.Properties.DistributionConfig.ViewerCertificate
	own_certificate(cert)
	v := minimum(cert)
	helpers.below_min_tls(v.version)
	msg := sprintf("CloudFront distribution %q accepts %s from viewers (%s), older than %s", [input.name, helpers.tls_name(v.version), v.text, helpers.min_tls_name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cert, "MinimumProtocolVersion"), msg)
}

# A certificate of the account's own (possibly one the template does not decide).
own_certificate(cert) if {
	some key in ["AcmCertificateArn", "IamCertificateId"]
	not lib.missing(cert, key)
}

minimum(cert) := {"version": helpers.tls_version(cert.MinimumProtocolVersion), "text": sprintf("MinimumProtocolVersion: %s", [cert.MinimumProtocolVersion])} if {
	is_string(cert.MinimumProtocolVersion)
} else := {"version": 1.0, "text": "MinimumProtocolVersion is not set, default TLSv1"} if {
	lib.missing(cert, "MinimumProtocolVersion")
}
