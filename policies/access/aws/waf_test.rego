package tollgate.access.aws.waf_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.waf
import rego.v1

# resource "aws_lb" "web" {            # line 1
#   name     = "web"                   # line 2
#   internal = INTERNAL                # line 3
# }                                    # line 4
lb(attrs) := fx.doc("aws_lb", "web", fx.block(1, 4, object.union({"name": "web"}, attrs), {"name": 2, "internal": 3}))

# resource "aws_wafv2_web_acl_association" "web" {     # line 6
#   resource_arn = aws_lb.web.arn                      # line 7 (unknown)
#   web_acl_arn  = aws_wafv2_web_acl.main.arn          # line 8 (unknown)
# }                                                    # line 9
association := fx.block(6, 9, {"resource_arn": fx.unknown, "web_acl_arn": fx.unknown}, {"resource_arn": 7, "web_acl_arn": 8})

test_tg_aws_056_violation if {
	findings := waf.deny with input as lb({"internal": false})
	fx.found(findings, "TG-AWS-056", fx.span(1, 4), `load balancer "web" is internet-facing and no AWS WAF web ACL is associated with it`)
	count(findings) == 1
	count(waf.deny) == 1 with input as lb({})
}

test_tg_aws_056_compliant if {
	count(waf.deny) == 0 with input as fx.with_related(lb({}), "aws_wafv2_web_acl_association", [association])
	count(waf.deny) == 0 with input as lb({"internal": true})
	count(waf.deny) == 0 with input as lb({"internal": fx.unknown})
	count(waf.deny) == 0 with input as lb({"load_balancer_type": "network"})
}

# resource "aws_cloudfront_distribution" "site" {   # line 1
#   enabled    = true                               # line 2
#   web_acl_id = WEB_ACL                            # line 3
# }                                                 # line 4
distribution(attrs) := fx.doc("aws_cloudfront_distribution", "site", fx.block(1, 4, object.union({"enabled": true}, attrs), {"enabled": 2, "web_acl_id": 3}))

test_tg_aws_056_cloudfront if {
	fx.found(waf.deny, "TG-AWS-056", fx.span(1, 4), `CloudFront distribution "site" has no AWS WAF web ACL (web_acl_id is not set)`) with input as distribution({})
	count(waf.deny) == 0 with input as distribution({"web_acl_id": fx.unknown})
	count(waf.deny) == 0 with input as distribution({"web_acl_id": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/1a2b"})
}

# resource "aws_wafv2_web_acl" "edge" {   # line 1
#   name  = "edge"                        # line 2
#   scope = "REGIONAL"                    # line 3
#   rule { ... }                          # lines 4-8
# }                                       # line 9
acl(type, attrs) := fx.doc(type, "edge", fx.block(1, 9, object.union({"name": "edge", "scope": "REGIONAL"}, attrs), {"name": 2, "scope": 3}))

test_tg_aws_310_violation if {
	findings := waf.deny with input as acl("aws_wafv2_web_acl", {})
	fx.found(findings, "TG-AWS-310", fx.span(1, 9), `WAF web ACL "edge" has no rules (no rule block): every request gets the default action`)
	count(findings) == 1
	fx.found(waf.deny, "TG-AWS-310", fx.span(1, 9), `WAF web ACL "edge" has no rules (no rules block): every request gets the default action`) with input as acl("aws_waf_web_acl", {"rules": []})
}

test_tg_aws_310_compliant if {
	count(waf.deny) == 0 with input as acl("aws_wafv2_web_acl", {"rule": [fx.block(4, 8, {"name": "common", "priority": 1}, {})]})
	count(waf.deny) == 0 with input as acl("aws_waf_web_acl", {"rules": [fx.block(4, 8, {"priority": 1}, {})]})
	unknown := fx.doc("aws_wafv2_web_acl", "edge", fx.block(1, 9, {"name": "edge", "rule": fx.unknown}, {"name": 2, "rule": 4}))
	count(waf.deny) == 0 with input as unknown
}
