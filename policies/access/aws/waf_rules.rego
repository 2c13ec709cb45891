package tollgate.access.aws.waf_rules

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

known_bad_inputs := "AWSManagedRulesKnownBadInputsRuleSet"

anonymous_ip := "AWSManagedRulesAnonymousIpList"

# METADATA
# title: WAF web ACL does not block Log4j exploits
# description: |
#   The aws_wafv2_web_acl has no rule using the AWS managed rule group
#   AWSManagedRulesKnownBadInputsRuleSet, or every such rule is weakened: its Log4JRCE rules
#   (Log4JRCE, Log4JRCE_HEADER, Log4JRCE_BODY...) are excluded or overridden to count, or
#   the rule's override_action is count. Requests carrying JNDI lookups that exploit Log4Shell
#   (CVE-2021-44228) then reach the applications the web ACL protects, which AWS's managed
#   rules would otherwise block. Web ACLs whose rules are not known statically are not
#   reported.
# related_resources:
# - https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html#aws-managed-rule-groups-baseline-known-bad-inputs
# - https://aws.amazon.com/security/security-bulletins/AWS-2021-006/
# custom:
#   id: TG-AWS-559
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add a rule with statement { managed_rule_group_statement { name = "AWSManagedRulesKnownBadInputsRuleSet", vendor_name = "AWS" } } and override_action { none {} }, without excluding or counting its Log4JRCE rules.
#   frameworks:
#     nist-800-53: ["SI-3", "SC-7"]
#     soc2: ["CC6.6", "CC7.1"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type == "aws_wafv2_web_acl"
	some v in log4j_gaps
	msg := sprintf("WAF web ACL %q does not block Log4j exploits (CVE-2021-44228): %s", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

log4j_gaps contains v if {
	not undecided
	count(group_rules(known_bad_inputs)) == 0
	v := {"location": lib.loc(input.resource), "text": sprintf("no rule uses the AWS managed rule group %s", [known_bad_inputs])}
}

log4j_gaps contains v if {
	not undecided
	every rule in group_rules(known_bad_inputs) {
		count(weaknesses(rule)) > 0
	}
	some rule in group_rules(known_bad_inputs)
	some v in weaknesses(rule)
}

# group_rules(name) are the rules of the web ACL that use the managed rule group name.
group_rules(name) := [rule |
	some rule in input.resource.rule
	some m in managed_groups(rule)
	m.name == name
]

managed_groups(rule) := [m |
	some st in rule.statement
	some m in st.managed_rule_group_statement
	is_object(m)
]

# undecided: which managed rule groups the web ACL uses is not known statically.
undecided if lib.unknown(input.resource, "rule")

undecided if {
	some rule in input.resource.rule
	lib.unknown(rule, "statement")
}

undecided if {
	some rule in input.resource.rule
	some st in rule.statement
	lib.unknown(st, "managed_rule_group_statement")
}

undecided if {
	some rule in input.resource.rule
	some m in managed_groups(rule)
	not is_string(object.get(m, "name", null))
}

# weaknesses(rule): what keeps a rule of the Known Bad Inputs group from blocking Log4j
# requests, each {location, text}.
weaknesses(rule) := {w |
	some m in managed_groups(rule)
	some excluded in m.excluded_rule
	log4j_rule(excluded.name)
	w := {"location": lib.attr_loc(excluded, "name"), "text": sprintf("its rule %s is in excluded_rule", [excluded.name])}
} | {w |
	some m in managed_groups(rule)
	some o in m.rule_action_override
	log4j_rule(o.name)
	some action in o.action_to_use
	some weak in ["count", "allow"]
	count(object.get(action, weak, [])) > 0
	w := {"location": lib.loc(o), "text": sprintf("rule_action_override sets its rule %s to %s", [o.name, weak])}
} | {w |
	some o in rule.override_action
	count(object.get(o, "count", [])) > 0
	w := {"location": lib.loc(o), "text": sprintf("the rule using %s has override_action count: its matches are only counted", [known_bad_inputs])}
}

log4j_rule(name) if {
	is_string(name)
	startswith(name, "Log4JRCE")
}

# METADATA
# title: WAF web ACL in use does not block anonymizing networks
# description: |
#   An aws_wafv2_web_acl that protects a resource (an aws_wafv2_web_acl_association or an
#   aws_cloudfront_distribution refers to it) has no rule using the AWS managed rule group
#   AWSManagedRulesAnonymousIpList: requests from Tor exit nodes, anonymizing proxies and
#   hosting providers, where mass exploitation campaigns such as those against Log4Shell
#   come from, are let through. Web ACLs whose rules are not known statically are not
#   reported.
# related_resources:
# - https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-ip-rep.html#aws-managed-rule-groups-ip-rep-anonymous
# - https://aws.amazon.com/security/security-bulletins/AWS-2021-006/
# custom:
#   id: TG-AWS-560
#   severity: low
#   category: access
#   provider: aws
#   remediation: Add a rule with statement { managed_rule_group_statement { name = "AWSManagedRulesAnonymousIpList", vendor_name = "AWS" } } and override_action { none {} } (count its HostingProviderIPList rule if legitimate clients call from cloud hosts).
#   frameworks:
#     nist-800-53: ["SC-7", "SI-4"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_wafv2_web_acl"
	protected := [t | some t in ["aws_wafv2_web_acl_association", "aws_cloudfront_distribution"]; count(helpers.related(t)) > 0]
	count(protected) > 0
	not undecided
	count(group_rules(anonymous_ip)) == 0
	msg := sprintf("WAF web ACL %q protects a resource (%s) but no rule uses the AWS managed rule group %s", [input.name, concat(", ", protected), anonymous_ip])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# The attribute holding the rules of each WAF resource type.
rule_keys := {
	"aws_wafv2_web_acl": "rule",
	"aws_wafv2_rule_group": "rule",
	"aws_waf_web_acl": "rules",
	"aws_wafregional_web_acl": "rule",
	"aws_waf_rule_group": "activated_rule",
	"aws_wafregional_rule_group": "activated_rule",
}

# METADATA
# title: WAF rule has no action
# description: |
#   A rule of an aws_wafv2_web_acl, aws_wafv2_rule_group, aws_waf_web_acl,
#   aws_wafregional_web_acl, aws_waf_rule_group or aws_wafregional_rule_group has no
#   action (or an empty one), no override_action and uses no managed rule group: the
#   requests it matches are neither blocked nor counted, so the rule protects nothing while
#   the configuration suggests it does.
# related_resources:
# - https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-action.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl#action
# custom:
#   id: TG-AWS-561
#   severity: low
#   category: access
#   provider: aws
#   remediation: Give the rule an action (block, or count while it is being tuned), or an override_action when it references a rule group.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"aws_wafv2_web_acl", "aws_wafv2_rule_group", "aws_waf_web_acl", "aws_wafregional_web_acl", "aws_waf_rule_group", "aws_wafregional_rule_group"}
	key := rule_keys[input.type]
	some rule in input.resource[key]
	is_object(rule)
	not acts(rule)
	msg := sprintf("WAF %s %q has a rule with no action (%s block%s)", [kind(input.type), input.name, key, label(rule)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

kind(type) := "rule group" if endswith(type, "_rule_group")

else := "web ACL"

label(rule) := sprintf(" %q", [rule.name]) if is_string(rule.name)

else := sprintf(" with priority %v", [rule.priority]) if is_number(rule.priority)

else := ""

acts(rule) if {
	some key in ["action", "override_action"]
	lib.unknown(rule, key)
}

acts(rule) if {
	some key in ["action", "override_action"]
	some block in rule[key]
	not empty_block(block)
}

acts(rule) if lib.unknown(rule, "statement")

acts(rule) if {
	some st in rule.statement
	lib.unknown(st, "managed_rule_group_statement")
}

acts(rule) if {
	some st in rule.statement
	count(object.get(st, "managed_rule_group_statement", [])) > 0
}

empty_block(b) if {
	is_object(b)
	count(object.remove(b, ["__loc"])) == 0
	count(object.get(b, ["__loc", "attrs"], {})) == 0
}
