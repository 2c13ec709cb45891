package tollgate.access.cloudformation.waf_log4j_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.waf_log4j
import rego.v1

#  1 EdgeAcl:
#  2   Type: AWS::WAFv2::WebACL
#  3   Properties:
#  4     Scope: REGIONAL
#  5     DefaultAction: {Allow: {}}
#  6     Rules:
#  7       - Name: managed
#  8         Priority: 1
#  9         OverrideAction: {OVERRIDE: {}}
# 10         Statement:
# 11           ManagedRuleGroupStatement:
# 12             VendorName: AWS
# 13             Name: GROUP
# 14             ExcludedRules:
# 15               - Name: EXCLUDED
# 16             RuleActionOverrides:
# 17               - Name: OVERRIDDEN
# 18                 ActionToUse: {Count: {}}
rule(group, override, extra) := fx.M(7, 18, {"Name": 7, "Priority": 8}, {
	"Name": "managed",
	"Priority": 1,
	"OverrideAction": fx.M(9, 9, {}, {override: fx.M(9, 9, {}, {})}),
	"Statement": fx.M(10, 18, {}, {"ManagedRuleGroupStatement": fx.M(11, 18, {"VendorName": 12, "Name": 13}, object.union({"VendorName": "AWS", "Name": group}, extra))}),
})

excluded(name) := {"ExcludedRules": [fx.M(15, 15, {"Name": 15}, {"Name": name})]}

counted(name) := {"RuleActionOverrides": [fx.M(17, 18, {"Name": 17}, {"Name": name, "ActionToUse": fx.M(18, 18, {}, {"Count": fx.M(18, 18, {}, {})})})]}

acl(rules) := fx.resource("AWS::WAFv2::WebACL", "EdgeAcl", {"Scope": "REGIONAL", "Rules": rules}, {"Scope": 4, "Rules": [6, 18]}, 18)

known_bad := "AWSManagedRulesKnownBadInputsRuleSet"

msg(text) := sprintf(`WAF web ACL "EdgeAcl" does not block Log4j exploits (CVE-2021-44228): %s`, [text])

test_tg_cfn_178_violation if {
	f := fx.only(waf_log4j.deny, "TG-CFN-178") with input as acl([rule("AWSManagedRulesCommonRuleSet", "None", {})])
	f.location == fx.at(1, 18)
	f.message == msg("no rule uses the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet")
	g := fx.only(waf_log4j.deny, "TG-CFN-178") with input as acl([rule(known_bad, "None", excluded("Log4JRCE"))])
	g.location == fx.at(15, 15)
	g.message == msg("its rule Log4JRCE is in ExcludedRules")
	h := fx.only(waf_log4j.deny, "TG-CFN-178") with input as acl([rule(known_bad, "None", counted("Log4JRCE_BODY"))])
	h.location == fx.at(17, 18)
	h.message == msg("RuleActionOverrides sets its rule Log4JRCE_BODY to Count")
	i := fx.only(waf_log4j.deny, "TG-CFN-178") with input as acl([rule(known_bad, "Count", {})])
	i.location == fx.at(9, 9)
	i.message == msg("the rule using AWSManagedRulesKnownBadInputsRuleSet has OverrideAction Count: its matches are only counted")
}

test_tg_cfn_178_compliant if {
	count(waf_log4j.deny) == 0 with input as acl([rule(known_bad, "None", {})])
	count(waf_log4j.deny) == 0 with input as acl([rule(known_bad, "None", excluded("SizeRestrictions_BODY"))])
	count(waf_log4j.deny) == 0 with input as acl([rule(known_bad, "Count", {}), rule(known_bad, "None", {})])
	# Name: !Ref RuleGroupName
	count(waf_log4j.deny) == 0 with input as acl([fx.M(7, 18, {"Name": 7}, {"Name": "managed", "Statement": fx.M(10, 18, {}, {"ManagedRuleGroupStatement": fx.M(11, 18, {"VendorName": 12, "Name": fx.U(13)}, {"VendorName": "AWS"})})})])
	count(waf_log4j.deny) == 0 with input as fx.resource("AWS::WAFv2::WebACL", "EdgeAcl", {"Scope": "REGIONAL"}, {"Scope": 4, "Rules": fx.U(6)}, 6)
}
