package tollgate.access.cloudformation.waf_log4j

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

known_bad_inputs := "AWSManagedRulesKnownBadInputsRuleSet"

# METADATA
# title: CloudFormation WAF web ACL does not block Log4j exploits
# description: |
#   The AWS::WAFv2::WebACL has no rule using the AWS managed rule group
#   AWSManagedRulesKnownBadInputsRuleSet, or every such rule is weakened: its Log4JRCE rules
#   (Log4JRCE, Log4JRCE_HEADER, Log4JRCE_BODY...) are in ExcludedRules or overridden to
#   Count in RuleActionOverrides, or the rule's OverrideAction is Count. Requests carrying
#   JNDI lookups that exploit Log4Shell (CVE-2021-44228) then reach the applications the
#   web ACL protects. Web ACLs whose rules the template does not decide are not reported.
# related_resources:
# - https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html#aws-managed-rule-groups-baseline-known-bad-inputs
# - https://aws.amazon.com/security/security-bulletins/AWS-2021-006/
# custom:
#   id: TG-CFN-178
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add a rule whose Statement is a ManagedRuleGroupStatement with VendorName AWS and Name AWSManagedRulesKnownBadInputsRuleSet, with OverrideAction None and no excluded or counted Log4JRCE rule.
#   frameworks:
#     nist-800-53: ["SI-3", "SC-7"]
#     soc2: ["CC6.6", "CC7.1"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type == "AWS::WAFv2::WebACL"
	some v in gaps
	msg := sprintf("WAF web ACL %q does not block Log4j exploits (CVE-2021-44228): %s", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

props := input.resource.Properties

rules := [r | some r in props.Rules; is_object(r)]

gaps contains v if {
	not undecided
	count(group_rules) == 0
	v := {"location": lib.loc(input.resource), "text": sprintf("no rule uses the AWS managed rule group %s", [known_bad_inputs])}
}

gaps contains v if {
	not undecided
	every rule in group_rules {
		count(weaknesses(rule)) > 0
	}
	some rule in group_rules
	some v in weaknesses(rule)
}

group_rules := [rule |
	some rule in rules
	rule.Statement.ManagedRuleGroupStatement.Name == known_bad_inputs
]

undecided if lib.unknown(props, "Rules")

undecided if {
	some rule in rules
	lib.unknown(rule, "Statement")
}

undecided if {
	some rule in rules
	lib.unknown(rule.Statement, "ManagedRuleGroupStatement")
}

undecided if {
	some rule in rules
	m := rule.Statement.ManagedRuleGroupStatement
	not is_string(object.get(m, "Name", null))
}

weaknesses(rule) := {w |
	m := rule.Statement.ManagedRuleGroupStatement
	some excluded in m.ExcludedRules
	log4j_rule(excluded.Name)
	w := {"location": helpers.where(excluded, m, "ExcludedRules"), "text": sprintf("its rule %s is in ExcludedRules", [excluded.Name])}
} | {w |
	m := rule.Statement.ManagedRuleGroupStatement
	some o in m.RuleActionOverrides
	log4j_rule(o.Name)
	some weak in ["Count", "Allow"]
	o.ActionToUse[weak]
	w := {"location": helpers.where(o, m, "RuleActionOverrides"), "text": sprintf("RuleActionOverrides sets its rule %s to %s", [o.Name, weak])}
} | {w |
	rule.OverrideAction.Count
	w := {"location": helpers.where(rule.OverrideAction, rule, "OverrideAction"), "text": sprintf("the rule using %s has OverrideAction Count: its matches are only counted", [known_bad_inputs])}
}

log4j_rule(name) if {
	is_string(name)
	startswith(name, "Log4JRCE")
}
