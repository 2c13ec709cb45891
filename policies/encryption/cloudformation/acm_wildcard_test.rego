package tollgate.encryption.cloudformation.acm_wildcard_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.acm_wildcard
import rego.v1

#  1 SiteCertificate:
#  2   Type: AWS::CertificateManager::Certificate
#  3   Properties:
#  4     DomainName: ...
#  5     SubjectAlternativeNames: [...]
#  6     ValidationMethod: DNS
cert(props, attrs) := fx.resource("AWS::CertificateManager::Certificate", "SiteCertificate", object.union({"ValidationMethod": "DNS"}, props), object.union({"ValidationMethod": 6}, attrs), 6)

test_tg_cfn_176_violation if {
	f := fx.only(acm_wildcard.deny, "TG-CFN-176") with input as cert({"DomainName": "*.example.com"}, {"DomainName": 4})
	f.location == fx.at(4, 4)
	f.message == `ACM certificate "SiteCertificate" covers wildcard names (DomainName: *.example.com)`
	g := fx.only(acm_wildcard.deny, "TG-CFN-176") with input as cert({"DomainName": "example.com", "SubjectAlternativeNames": ["www.example.com", "*.api.example.com"]}, {"DomainName": 4, "SubjectAlternativeNames": 5})
	g.location == fx.at(5, 5)
	g.message == `ACM certificate "SiteCertificate" covers wildcard names (SubjectAlternativeNames: *.api.example.com)`
}

test_tg_cfn_176_compliant if {
	count(acm_wildcard.deny) == 0 with input as cert({"DomainName": "example.com", "SubjectAlternativeNames": ["www.example.com"]}, {"DomainName": 4, "SubjectAlternativeNames": 5})
	count(acm_wildcard.deny) == 0 with input as cert({}, {"DomainName": fx.U(4)})
}
