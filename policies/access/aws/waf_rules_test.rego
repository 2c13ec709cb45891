package tollgate.access.aws.waf_rules_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.waf_rules
import rego.v1

# resource "aws_wafv2_web_acl" "edge" {          # line 1
#   name  = "edge"                               # line 2
#   scope = "REGIONAL"                           # line 3
#   rule {                                       # line 4
#     name     = "managed"                       # line 5
#     priority = 1                               # line 6
#     override_action { OVERRIDE {} }            # line 7
#     statement {                                # line 8
#       managed_rule_group_statement {           # line 9
#         name        = GROUP                    # line 10
#         vendor_name = "AWS"                    # line 11
#         excluded_rule { name = EXCLUDED }      # line 12
#         rule_action_override {                 # line 13
#           name = OVERRIDDEN                    # line 14
#           action_to_use { count {} }           # line 15
#         }                                      # line 16
#       }                                        # line 17
#     }                                          # line 18
#   }                                            # line 19
# }                                              # line 20
managed_rule(group, override, extra) := fx.block(4, 19, {
	"name": "managed",
	"priority": 1,
	"override_action": [fx.block(7, 7, {override: [fx.block(7, 7, {}, {})]}, {})],
	"statement": [fx.block(8, 18, {"managed_rule_group_statement": [fx.block(9, 17, object.union({"name": group, "vendor_name": "AWS"}, extra), {"name": 10, "vendor_name": 11})]}, {})],
}, {"name": 5, "priority": 6})

excluded(name) := {"excluded_rule": [fx.block(12, 12, {"name": name}, {"name": 12})]}

counted(name) := {"rule_action_override": [fx.block(13, 16, {"name": name, "action_to_use": [fx.block(15, 15, {"count": [fx.block(15, 15, {}, {})]}, {})]}, {"name": 14})]}

acl(rules) := fx.doc("aws_wafv2_web_acl", "edge", fx.block(1, 20, {"name": "edge", "scope": "REGIONAL", "rule": rules}, {"name": 2, "scope": 3}))

known_bad := "AWSManagedRulesKnownBadInputsRuleSet"

msg(text) := sprintf(`WAF web ACL "edge" does not block Log4j exploits (CVE-2021-44228): %s`, [text])

test_tg_aws_559_violation if {
	findings := waf_rules.deny with input as acl([managed_rule("AWSManagedRulesCommonRuleSet", "none", {})])
	fx.found(findings, "TG-AWS-559", fx.span(1, 20), msg("no rule uses the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet"))
	count(fx.ids(findings, "TG-AWS-559")) == 1
	fx.found(waf_rules.deny, "TG-AWS-559", fx.at(12), msg("its rule Log4JRCE is in excluded_rule")) with input as acl([managed_rule(known_bad, "none", excluded("Log4JRCE"))])
	fx.found(waf_rules.deny, "TG-AWS-559", fx.span(13, 16), msg("rule_action_override sets its rule Log4JRCE_HEADER to count")) with input as acl([managed_rule(known_bad, "none", counted("Log4JRCE_HEADER"))])
	fx.found(waf_rules.deny, "TG-AWS-559", fx.at(7), msg("the rule using AWSManagedRulesKnownBadInputsRuleSet has override_action count: its matches are only counted")) with input as acl([managed_rule(known_bad, "count", {})])
	fx.found(waf_rules.deny, "TG-AWS-559", fx.span(1, 20), msg("no rule uses the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet")) with input as acl([])
}

test_tg_aws_559_compliant if {
	count(fx.ids(waf_rules.deny, "TG-AWS-559")) == 0 with input as acl([managed_rule(known_bad, "none", {})])
	count(fx.ids(waf_rules.deny, "TG-AWS-559")) == 0 with input as acl([managed_rule(known_bad, "none", excluded("SizeRestrictions_BODY"))])
	# one weakened rule and one effective rule of the group
	count(fx.ids(waf_rules.deny, "TG-AWS-559")) == 0 with input as acl([managed_rule(known_bad, "count", {}), managed_rule(known_bad, "none", {})])
	count(fx.ids(waf_rules.deny, "TG-AWS-559")) == 0 with input as acl([managed_rule(fx.unknown, "none", {})])
	count(fx.ids(waf_rules.deny, "TG-AWS-559")) == 0 with input as fx.doc("aws_wafv2_web_acl", "edge", fx.block(1, 20, {"name": "edge", "rule": fx.unknown}, {"name": 2, "rule": [4, 19]}))
}

association := fx.block(22, 25, {"resource_arn": fx.unknown, "web_acl_arn": fx.unknown}, {"resource_arn": 23, "web_acl_arn": 24})

test_tg_aws_560_violation if {
	findings := waf_rules.deny with input as fx.with_related(acl([managed_rule(known_bad, "none", {})]), "aws_wafv2_web_acl_association", [association])
	fx.found(findings, "TG-AWS-560", fx.span(1, 20), `WAF web ACL "edge" protects a resource (aws_wafv2_web_acl_association) but no rule uses the AWS managed rule group AWSManagedRulesAnonymousIpList`)
	count(findings) == 1
	count(fx.ids(waf_rules.deny, "TG-AWS-560")) == 1 with input as fx.with_related(acl([]), "aws_cloudfront_distribution", [association])
}

test_tg_aws_560_compliant if {
	# not attached to anything the configuration shows
	count(fx.ids(waf_rules.deny, "TG-AWS-560")) == 0 with input as acl([managed_rule(known_bad, "none", {})])
	count(fx.ids(waf_rules.deny, "TG-AWS-560")) == 0 with input as object.union(acl([]), {"related_unknown": true})
	count(fx.ids(waf_rules.deny, "TG-AWS-560")) == 0 with input as fx.with_related(acl([managed_rule("AWSManagedRulesAnonymousIpList", "none", {})]), "aws_wafv2_web_acl_association", [association])
	count(fx.ids(waf_rules.deny, "TG-AWS-560")) == 0 with input as fx.with_related(acl([managed_rule(fx.unknown, "none", {})]), "aws_wafv2_web_acl_association", [association])
}

# resource "aws_wafv2_rule_group" "custom" {   # line 1
#   name = "custom"                            # line 2
#   rule {                                     # line 3
#     name     = "block-bad-ips"               # line 4
#     priority = 1                             # line 5
#     ACTION                                   # line 6
#     statement { ip_set_reference_statement { arn = "arn" } }   # line 7
#   }                                          # line 8
# }                                            # line 9
group(action) := fx.doc("aws_wafv2_rule_group", "custom", fx.block(1, 9, {"name": "custom", "rule": [fx.block(3, 8, object.union({
	"name": "block-bad-ips",
	"priority": 1,
	"statement": [fx.block(7, 7, {"ip_set_reference_statement": [fx.block(7, 7, {"arn": "arn"}, {"arn": 7})]}, {})],
}, action), {"name": 4, "priority": 5, "action": 6})]}, {"name": 2}))

# resource "aws_waf_web_acl" "classic" {   # line 1
#   name = "classic"                       # line 2
#   rules {                                # line 3
#     priority = 1                         # line 4
#     rule_id  = "r-1"                     # line 5
#     ACTION                               # line 6
#   }                                      # line 7
# }                                        # line 8
classic(action) := fx.doc("aws_waf_web_acl", "classic", fx.block(1, 8, {"name": "classic", "rules": [fx.block(3, 7, object.union({"priority": 1, "rule_id": "r-1"}, action), {"priority": 4, "rule_id": 5})]}, {"name": 2}))

test_tg_aws_561_violation if {
	findings := waf_rules.deny with input as group({})
	fx.found(findings, "TG-AWS-561", fx.span(3, 8), `WAF rule group "custom" has a rule with no action (rule block "block-bad-ips")`)
	count(findings) == 1
	fx.found(waf_rules.deny, "TG-AWS-561", fx.span(3, 8), `WAF rule group "custom" has a rule with no action (rule block "block-bad-ips")`) with input as group({"action": [fx.block(6, 6, {}, {})]})
	fx.found(waf_rules.deny, "TG-AWS-561", fx.span(3, 7), `WAF web ACL "classic" has a rule with no action (rules block with priority 1)`) with input as classic({})
}

test_tg_aws_561_compliant if {
	count(waf_rules.deny) == 0 with input as group({"action": [fx.block(6, 6, {"block": [fx.block(6, 6, {}, {})]}, {})]})
	count(waf_rules.deny) == 0 with input as group({"action": fx.unknown})
	count(waf_rules.deny) == 0 with input as classic({"action": [fx.block(6, 6, {"type": "BLOCK"}, {"type": 6})]})
	count(fx.ids(waf_rules.deny, "TG-AWS-561")) == 0 with input as acl([managed_rule(known_bad, "none", {})])
}
