package tollgate.encryption.cloudformation.cloudfront_certificate_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.cloudfront_certificate
import rego.v1

#  1 Cdn:
#  2   Type: AWS::CloudFront::Distribution
#  3   Properties:
#  4     DistributionConfig:
#  5       Enabled: true
#  6       ViewerCertificate:
#  7         CloudFrontDefaultCertificate: VALUE
cdn(cert) := fx.resource("AWS::CloudFront::Distribution", "Cdn", {"DistributionConfig": fx.M(4, 7, {"Enabled": 5}, {"Enabled": true, "ViewerCertificate": fx.M(6, 7, {k: 7 | some k, _ in cert}, cert)})}, {}, 7)

test_tg_cfn_149_violation if {
	f := fx.only(cloudfront_certificate.deny, "TG-CFN-149") with input as cdn({"CloudFrontDefaultCertificate": true})
	f.location == fx.at(7, 7)
	f.message == `CloudFront distribution "Cdn" uses the default cloudfront.net certificate, which accepts TLS 1.0 (CloudFrontDefaultCertificate: true)`

	none := fx.resource("AWS::CloudFront::Distribution", "Cdn", {"DistributionConfig": fx.M(4, 5, {"Enabled": 5}, {"Enabled": true})}, {}, 5)
	g := fx.only(cloudfront_certificate.deny, "TG-CFN-149") with input as none
	g.location == fx.at(4, 5)
}

test_tg_cfn_149_compliant if {
	count(fx.ids(cloudfront_certificate.deny, "TG-CFN-149")) == 0 with input as cdn({"AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc"})

	unknown := fx.resource("AWS::CloudFront::Distribution", "Cdn", {"DistributionConfig": fx.M(4, 6, {"Enabled": 5, "ViewerCertificate": fx.U(6)}, {"Enabled": true})}, {}, 6)
	count(fx.ids(cloudfront_certificate.deny, "TG-CFN-149")) == 0 with input as unknown
}
