package tollgate.access.aws.waf

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Internet-facing endpoint is not protected by AWS WAF
# description: |
#   An internet-facing application load balancer (aws_lb or aws_alb, internal not true,
#   load_balancer_type "application") that no aws_wafv2_web_acl_association or
#   aws_wafregional_web_acl_association refers to, or an aws_cloudfront_distribution
#   without web_acl_id, takes internet traffic with no web application firewall:
#   injection, known exploits and bot floods reach the application unfiltered.
# related_resources:
# - https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-16
# custom:
#   id: TG-AWS-056
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Associate an aws_wafv2_web_acl with the load balancer (aws_wafv2_web_acl_association) or the distribution (web_acl_id), starting from the AWS managed rule groups.
#   frameworks:
#     nist-800-53: ["SC-7", "SI-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type in {"aws_lb", "aws_alb", "aws_cloudfront_distribution"}
	some v in unprotected
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

unprotected contains v if {
	input.type in {"aws_lb", "aws_alb"}
	r := input.resource
	application(r)
	internet_facing(r)
	not helpers.has_related("aws_wafv2_web_acl_association")
	not helpers.has_related("aws_wafregional_web_acl_association")
	v := {
		"location": lib.loc(r),
		"message": sprintf("load balancer %q is internet-facing and no AWS WAF web ACL is associated with it", [input.name]),
	}
}

unprotected contains v if {
	input.type == "aws_cloudfront_distribution"
	r := input.resource
	lib.missing(r, "web_acl_id")
	v := {
		"location": lib.loc(r),
		"message": sprintf("CloudFront distribution %q has no AWS WAF web ACL (web_acl_id is not set)", [input.name]),
	}
}

application(r) if r.load_balancer_type == "application"

application(r) if lib.missing(r, "load_balancer_type")

internet_facing(r) if lib.is_false(r.internal)

internet_facing(r) if lib.missing(r, "internal")

# METADATA
# title: WAF web ACL has no rules
# description: |
#   An aws_wafv2_web_acl (no rule block), aws_waf_web_acl or aws_wafregional_web_acl (no
#   rules block) inspects nothing: every request gets the default action, so the
#   resources it is associated with look protected but are not.
# related_resources:
# - https://docs.aws.amazon.com/waf/latest/developerguide/web-acl.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl#rule
# custom:
#   id: TG-AWS-310
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add rules to the web ACL, at least the AWS managed rule groups AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet, plus a rate-based rule.
#   frameworks:
#     nist-800-53: ["SC-7", "SI-3"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"aws_wafv2_web_acl", "aws_waf_web_acl", "aws_wafregional_web_acl"}
	r := input.resource
	key := rules_key[input.type]
	not lib.unknown(r, key)
	count(object.get(r, key, [])) == 0
	msg := sprintf("WAF web ACL %q has no rules (no %s block): every request gets the default action", [input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

rules_key := {"aws_wafv2_web_acl": "rule", "aws_waf_web_acl": "rules", "aws_wafregional_web_acl": "rule"}
