package tollgate.encryption.cloudformation.cloudfront_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.cloudfront
import rego.v1

#  1 Cdn:
#  2   Type: AWS::CloudFront::Distribution
#  3   Properties:
#  4     DistributionConfig:
#  5       Enabled: true
#  6       DefaultCacheBehavior:
#  7         TargetOriginId: app
#  8         ViewerProtocolPolicy: DEFAULT_POLICY
#  9       CacheBehaviors:
# 10         - PathPattern: /static/*
# 11           TargetOriginId: app
# 12           ViewerProtocolPolicy: PATH_POLICY
# 13       ViewerCertificate:
# 14         ...
# 15         MinimumProtocolVersion: ...
distribution(default_policy, path_policy, cert) := fx.resource(
	"AWS::CloudFront::Distribution", "Cdn", {"DistributionConfig": fx.M(4, 15, {"Enabled": 5, "CacheBehaviors": [9, 12]}, {
		"Enabled": true,
		"DefaultCacheBehavior": fx.M(6, 8, {"TargetOriginId": 7, "ViewerProtocolPolicy": 8}, {"TargetOriginId": "app", "ViewerProtocolPolicy": default_policy}),
		"CacheBehaviors": [fx.M(10, 12, {"PathPattern": 10, "TargetOriginId": 11, "ViewerProtocolPolicy": 12}, {"PathPattern": "/static/*", "TargetOriginId": "app", "ViewerProtocolPolicy": path_policy})],
		"ViewerCertificate": fx.M(13, 15, {k: line | some k, _ in cert; line := cert_lines[k]}, cert),
	})},
	{}, 15,
)

cert_lines := {"CloudFrontDefaultCertificate": 14, "AcmCertificateArn": 14, "SslSupportMethod": 14, "MinimumProtocolVersion": 15}

acm := "arn:aws:acm:us-east-1:111122223333:certificate/0123abcd-0123-abcd-0123-0123456789ab"

modern := {"AcmCertificateArn": acm, "MinimumProtocolVersion": "TLSv1.2_2021"}

test_tg_cfn_034_violation if {
	f := fx.only(cloudfront.deny, "TG-CFN-034") with input as distribution("redirect-to-https", "allow-all", modern)
	f.location == fx.at(12, 12)
	f.message == `CloudFront distribution "Cdn" serves plain HTTP to viewers (CacheBehaviors "/static/*" ViewerProtocolPolicy: allow-all)`
}

test_tg_cfn_034_compliant if {
	count(fx.ids(cloudfront.deny, "TG-CFN-034")) == 0 with input as distribution("redirect-to-https", "https-only", modern)
}

test_tg_cfn_034_default_behavior if {
	f := fx.only(cloudfront.deny, "TG-CFN-034") with input as distribution("allow-all", "https-only", modern)
	f.location == fx.at(8, 8)
	f.message == `CloudFront distribution "Cdn" serves plain HTTP to viewers (DefaultCacheBehavior ViewerProtocolPolicy: allow-all)`
}

test_tg_cfn_035_violation if {
	f := fx.only(cloudfront.deny, "TG-CFN-035") with input as distribution("https-only", "https-only", {"AcmCertificateArn": acm, "MinimumProtocolVersion": "TLSv1.1_2016"})
	f.location == fx.at(15, 15)
	f.message == `CloudFront distribution "Cdn" accepts TLS 1.1 from viewers (MinimumProtocolVersion: TLSv1.1_2016), older than TLS 1.2`
}

test_tg_cfn_035_compliant if {
	count(fx.ids(cloudfront.deny, "TG-CFN-035")) == 0 with input as distribution("https-only", "https-only", modern)

	# The *.cloudfront.net certificate: its minimum cannot be changed.
	count(fx.ids(cloudfront.deny, "TG-CFN-035")) == 0 with input as distribution("https-only", "https-only", {"CloudFrontDefaultCertificate": true})
}

test_tg_cfn_035_missing_fires if {
	f := fx.only(cloudfront.deny, "TG-CFN-035") with input as distribution("https-only", "https-only", {"AcmCertificateArn": acm, "SslSupportMethod": "sni-only"})
	f.location == fx.at(13, 15)
	f.message == `CloudFront distribution "Cdn" accepts TLS 1.0 from viewers (MinimumProtocolVersion is not set, default TLSv1), older than TLS 1.2`
}

test_tg_cfn_035_unknown_does_not_fire if {
	doc := json.patch(distribution("https-only", "https-only", {"AcmCertificateArn": acm}), [{
		"op": "add",
		"path": "/resource/Properties/DistributionConfig/ViewerCertificate/__loc/attrs/MinimumProtocolVersion",
		"value": fx.U(15),
	}])
	count(fx.ids(cloudfront.deny, "TG-CFN-035")) == 0 with input as doc
}
