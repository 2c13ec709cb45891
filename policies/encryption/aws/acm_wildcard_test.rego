package tollgate.encryption.aws.acm_wildcard_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.acm_wildcard
import rego.v1

# resource "aws_acm_certificate" "site" {   # line 1
#   domain_name               = DOMAIN      # line 2
#   subject_alternative_names = NAMES       # line 3
#   validation_method         = "DNS"       # line 4
# }                                         # line 5
cert(attrs) := fx.doc("aws_acm_certificate", "site", fx.block(1, 5, object.union({"validation_method": "DNS"}, attrs), {"domain_name": 2, "subject_alternative_names": 3, "validation_method": 4}))

test_tg_aws_566_violation if {
	findings := acm_wildcard.deny with input as cert({"domain_name": "*.example.com"})
	fx.found(findings, "TG-AWS-566", fx.at(2), `ACM certificate "site" covers wildcard names (domain_name = *.example.com)`)
	count(findings) == 1
	fx.found(acm_wildcard.deny, "TG-AWS-566", fx.at(3), `ACM certificate "site" covers wildcard names (subject_alternative_names = *.api.example.com)`) with input as cert({"domain_name": "example.com", "subject_alternative_names": ["www.example.com", "*.api.example.com"]})
}

test_tg_aws_566_compliant if {
	count(acm_wildcard.deny) == 0 with input as cert({"domain_name": "example.com", "subject_alternative_names": ["www.example.com"]})
	count(acm_wildcard.deny) == 0 with input as cert({"domain_name": fx.unknown})
}
