package tollgate.encryption.aws.route53_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.route53
import rego.v1

# resource "aws_route53_zone" "main" {   # line 1
#   name = "example.com"                 # line 2
#   vpc { ... }                          # lines 3-5 (private zones only)
# }                                      # line 6
zone(attrs) := fx.doc("aws_route53_zone", "main", fx.block(1, 6, object.union({"name": "example.com"}, attrs), {"name": 2}))

dnssec := fx.block(13, 15, {}, {})

signed(d) := fx.with_related(d, "aws_route53_hosted_zone_dnssec", [dnssec])

test_tg_aws_314_violation if {
	findings := route53.deny with input as zone({})
	fx.found(findings, "TG-AWS-314", fx.span(1, 6), `Route 53 hosted zone "main" is not signed with DNSSEC (no aws_route53_hosted_zone_dnssec refers to it)`)
	count(findings) == 1
}

test_tg_aws_314_compliant if {
	count(route53.deny) == 0 with input as signed(zone({}))
	private := zone({"vpc": [fx.block(3, 5, {"vpc_id": "vpc-1"}, {"vpc_id": 4})]})
	count(route53.deny) == 0 with input as private
}
