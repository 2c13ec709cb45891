package tollgate.access.azure.waf_log4j

import data.tollgate.lib
import rego.v1

# The managed rule that blocks Log4j JNDI lookups (CVE-2021-44228) in every rule set that
# has it: Front Door DefaultRuleSet 1.0 and Microsoft_DefaultRuleSet, Application Gateway
# OWASP CRS 3.1 and 3.2 and Microsoft_DefaultRuleSet 2.x.
log4j_rule := "944240"

front_door_rule_sets := {"DefaultRuleSet", "Microsoft_DefaultRuleSet"}

# Actions of a rule override that still stop a matching request. AnomalyScoring adds the
# rule's critical score, which alone reaches the blocking threshold.
blocking_actions := {"Block", "Redirect", "AnomalyScoring"}

# METADATA
# title: Front Door WAF policy does not block Log4j lookups
# description: |
#   An azurerm_frontdoor_firewall_policy or azurerm_cdn_frontdoor_firewall_policy has no
#   managed_rule of type DefaultRuleSet or Microsoft_DefaultRuleSet, or it overrides rule
#   944240 so that the rule is disabled (enabled defaults to false in an override) or only
#   logs or allows, or (Front Door Standard/Premium) the default rule set's own action is
#   Log or Allow: requests carrying a Log4j JNDI lookup (CVE-2021-44228, Log4Shell) reach
#   the origins, where a vulnerable Java application runs the attacker's code.
# related_resources:
# - https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-drs
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cdn_frontdoor_firewall_policy#managed_rule
# custom:
#   id: TG-AZ-236
#   severity: high
#   category: access
#   provider: azure
#   remediation: Add managed_rule { type = "Microsoft_DefaultRuleSet", version = "2.1", action = "Block" } (DefaultRuleSet 1.0 on classic Front Door), and remove any override of rule 944240 or give it enabled = true with action = "Block".
#   frameworks:
#     nist-800-53: ["SC-7", "SI-3"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type in {"azurerm_frontdoor_firewall_policy", "azurerm_cdn_frontdoor_firewall_policy"}
	some v in front_door_gaps
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# No default rule set at all.
front_door_gaps contains v if {
	r := input.resource
	not lib.unknown(r, "managed_rule")
	not default_rule_set_or_unknown(r)
	v := {
		"location": lib.loc(r),
		"message": sprintf("Front Door WAF policy %q does not block Log4j lookups (no DefaultRuleSet or Microsoft_DefaultRuleSet managed rule)", [input.name]),
	}
}

# The default rule set turns rule 944240 off or lets it only log.
front_door_gaps contains v if {
	some m in input.resource.managed_rule
	m.type in front_door_rule_sets
	some o in m.override
	some rule in o.rule
	sprintf("%v", [rule.rule_id]) == log4j_rule
	problem := override_problem(rule)
	v := {
		"location": lib.attr_loc(rule, problem.key),
		"message": sprintf("Front Door WAF policy %q does not block Log4j lookups (override of rule 944240: %s)", [input.name, problem.text]),
	}
}

# Front Door Standard/Premium: the whole default rule set only logs or allows.
front_door_gaps contains v if {
	input.type == "azurerm_cdn_frontdoor_firewall_policy"
	some m in input.resource.managed_rule
	m.type in front_door_rule_sets
	m.action in {"Log", "Allow"}
	v := {
		"location": lib.attr_loc(m, "action"),
		"message": sprintf("Front Door WAF policy %q does not block Log4j lookups (%s managed rule action = %q)", [input.name, m.type, m.action]),
	}
}

default_rule_set_or_unknown(r) if {
	some m in r.managed_rule
	m.type in front_door_rule_sets
}

default_rule_set_or_unknown(r) if {
	some m in r.managed_rule
	lib.unknown(m, "type")
}

# override_problem(rule): why an override of the Log4j rule no longer stops requests.
# enabled defaults to false in an override.
override_problem(rule) := {"key": "enabled", "text": "enabled = false"} if {
	lib.is_false(rule.enabled)
} else := {"key": "enabled", "text": "enabled not set, default false"} if {
	lib.missing(rule, "enabled")
} else := {"key": "action", "text": sprintf("action = %q", [rule.action])} if {
	is_string(rule.action)
	not rule.action in blocking_actions
}

# Application Gateway rule sets that hold rule 944240.
owasp_log4j_versions := {"3.1", "3.2"}

# METADATA
# title: Application Gateway WAF policy does not block Log4j lookups
# description: |
#   The managed_rules of an azurerm_web_application_firewall_policy have no rule set that
#   holds rule 944240 (OWASP 3.1 or 3.2, Microsoft_DefaultRuleSet 2.x; OWASP 2.2.9 and 3.0
#   do not have it), or that rule set turns 944240 off: it is listed in the disabled_rules of
#   a rule_group_override, or overridden by a rule block with enabled = false (its
#   default) or an action of Log or Allow. Requests carrying a Log4j JNDI lookup
#   (CVE-2021-44228, Log4Shell) then reach the backends, where a vulnerable Java
#   application runs the attacker's code.
# related_resources:
# - https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/web_application_firewall_policy#managed_rule_set
# custom:
#   id: TG-AZ-237
#   severity: high
#   category: access
#   provider: azure
#   remediation: Use managed_rule_set { type = "Microsoft_DefaultRuleSet", version = "2.1" } (or OWASP 3.2), and remove any override that disables rule 944240 or set it enabled = true with action = "Block" or "AnomalyScoring".
#   frameworks:
#     nist-800-53: ["SC-7", "SI-3"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type == "azurerm_web_application_firewall_policy"
	some v in gateway_gaps
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# No rule set with the Log4j rule.
gateway_gaps contains v if {
	some mr in input.resource.managed_rules
	not lib.unknown(mr, "managed_rule_set")
	not log4j_rule_set_or_unknown(mr)
	v := {
		"location": lib.loc(mr),
		"message": sprintf("WAF policy %q does not block Log4j lookups (no OWASP 3.1/3.2 or Microsoft_DefaultRuleSet managed rule set)", [input.name]),
	}
}

# The rule set lists 944240 in disabled_rules (azurerm v3).
gateway_gaps contains v if {
	some s in log4j_rule_sets
	some o in s.rule_group_override
	some id in o.disabled_rules
	sprintf("%v", [id]) == log4j_rule
	v := {
		"location": lib.attr_loc(o, "disabled_rules"),
		"message": sprintf("WAF policy %q does not block Log4j lookups (%s rule set %s: 944240 is in disabled_rules)", [input.name, set_type(s), object.get(s, "version", "?")]),
	}
}

# The rule set overrides 944240 with a rule block (azurerm v3.x and later).
gateway_gaps contains v if {
	some s in log4j_rule_sets
	some o in s.rule_group_override
	some rule in o.rule
	sprintf("%v", [rule.id]) == log4j_rule
	problem := override_problem(rule)
	v := {
		"location": lib.attr_loc(rule, problem.key),
		"message": sprintf("WAF policy %q does not block Log4j lookups (%s rule set %s: override of rule 944240: %s)", [input.name, set_type(s), object.get(s, "version", "?"), problem.text]),
	}
}

log4j_rule_sets contains s if {
	some mr in input.resource.managed_rules
	some s in mr.managed_rule_set
	log4j_rule_set(s)
}

set_type(s) := s.type if is_string(s.type)

set_type(s) := "OWASP" if lib.missing(s, "type")

log4j_rule_set(s) if {
	set_type(s) == "OWASP"
	s.version in owasp_log4j_versions
}

log4j_rule_set(s) if set_type(s) == "Microsoft_DefaultRuleSet"

log4j_rule_set_or_unknown(mr) if {
	some s in mr.managed_rule_set
	log4j_rule_set(s)
}

log4j_rule_set_or_unknown(mr) if {
	some s in mr.managed_rule_set
	some key in ["type", "version"]
	lib.unknown(s, key)
}
