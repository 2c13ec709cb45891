package tollgate.access.azure.waf_log4j_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.waf_log4j
import rego.v1

path := "waf/main.tf"

fd(type, managed) := fx.resource(type, "fd", fx.block(path, 1, 30, {"name": "fd", "managed_rule": managed}, {"name": 2}))

fd_rule(type, overrides) := fx.block(path, 5, 20, {"type": type, "version": "1.0", "override": overrides}, {"type": 6, "version": 7})

java_override(rule) := fx.block(path, 8, 15, {"rule_group_name": "JAVA", "rule": [rule]}, {"rule_group_name": 9})

override_rule(fields) := fx.block(path, 10, 14, fields, {"rule_id": 11, "enabled": 12, "action": 13})

test_tg_az_236_violation if {
	no_drs := fd("azurerm_frontdoor_firewall_policy", [fd_rule("BotProtection", [])])
	findings := waf_log4j.deny with input as no_drs
	some f in findings
	f.rule_id == "TG-AZ-236"
	f.location == fx.span(path, 1, 30)
	f.message == `Front Door WAF policy "fd" does not block Log4j lookups (no DefaultRuleSet or Microsoft_DefaultRuleSet managed rule)`

	unset := fd("azurerm_frontdoor_firewall_policy", [fd_rule("DefaultRuleSet", [java_override(override_rule({"rule_id": "944240", "action": "Block"}))])])
	some g in waf_log4j.deny with input as unset
	g.rule_id == "TG-AZ-236"
	g.location == fx.span(path, 10, 14)
	g.message == `Front Door WAF policy "fd" does not block Log4j lookups (override of rule 944240: enabled not set, default false)`

	logs := fd("azurerm_frontdoor_firewall_policy", [fd_rule("DefaultRuleSet", [java_override(override_rule({"rule_id": "944240", "enabled": true, "action": "Log"}))])])
	some h in waf_log4j.deny with input as logs
	h.location == fx.loc(path, 13)

	cdn_log := fx.resource("azurerm_cdn_frontdoor_firewall_policy", "fd", fx.block(path, 1, 30, {"name": "fd", "managed_rule": [fx.block(path, 5, 9, {"type": "Microsoft_DefaultRuleSet", "version": "2.1", "action": "Log"}, {"action": 8})]}, {}))
	some i in waf_log4j.deny with input as cdn_log
	i.location == fx.loc(path, 8)
	i.message == `Front Door WAF policy "fd" does not block Log4j lookups (Microsoft_DefaultRuleSet managed rule action = "Log")`
}

test_tg_az_236_compliant if {
	plain := fd("azurerm_frontdoor_firewall_policy", [fd_rule("DefaultRuleSet", [])])
	count(fx.ids(waf_log4j.deny, "TG-AZ-236")) == 0 with input as plain
	blocks := fd("azurerm_frontdoor_firewall_policy", [fd_rule("Microsoft_DefaultRuleSet", [java_override(override_rule({"rule_id": "944240", "enabled": true, "action": "Block"}))])])
	count(fx.ids(waf_log4j.deny, "TG-AZ-236")) == 0 with input as blocks
	other_rule := fd("azurerm_frontdoor_firewall_policy", [fd_rule("DefaultRuleSet", [java_override(override_rule({"rule_id": "944100", "enabled": false, "action": "Log"}))])])
	count(fx.ids(waf_log4j.deny, "TG-AZ-236")) == 0 with input as other_rule
	cdn_block := fx.resource("azurerm_cdn_frontdoor_firewall_policy", "fd", fx.block(path, 1, 30, {"name": "fd", "managed_rule": [fx.block(path, 5, 9, {"type": "Microsoft_DefaultRuleSet", "version": "2.1", "action": "Block"}, {})]}, {}))
	count(fx.ids(waf_log4j.deny, "TG-AZ-236")) == 0 with input as cdn_block
	unknown_rules := fx.resource("azurerm_frontdoor_firewall_policy", "fd", fx.unknown(fx.block(path, 1, 30, {"name": "fd"}, {}), "managed_rule", 4))
	count(fx.ids(waf_log4j.deny, "TG-AZ-236")) == 0 with input as unknown_rules
}

agw(sets) := fx.resource("azurerm_web_application_firewall_policy", "agw", fx.block(path, 40, 70, {"name": "agw", "managed_rules": [fx.block(path, 42, 65, {"managed_rule_set": sets}, {})]}, {"name": 41}))

rule_set(fields, overrides) := fx.block(path, 43, 60, object.union(fields, {"rule_group_override": overrides}), {"type": 44, "version": 45})

test_tg_az_237_violation if {
	old := agw([rule_set({"type": "OWASP", "version": "3.0"}, [])])
	findings := waf_log4j.deny with input as old
	some f in findings
	f.rule_id == "TG-AZ-237"
	f.location == fx.span(path, 42, 65)
	f.message == `WAF policy "agw" does not block Log4j lookups (no OWASP 3.1/3.2 or Microsoft_DefaultRuleSet managed rule set)`

	disabled := agw([rule_set({"version": "3.2"}, [fx.block(path, 46, 50, {"rule_group_name": "REQUEST-944-APPLICATION-ATTACK-JAVA", "disabled_rules": ["944240", "944250"]}, {"disabled_rules": 48})])])
	some g in waf_log4j.deny with input as disabled
	g.rule_id == "TG-AZ-237"
	g.location == fx.loc(path, 48)
	g.message == `WAF policy "agw" does not block Log4j lookups (OWASP rule set 3.2: 944240 is in disabled_rules)`

	overridden := agw([rule_set({"type": "Microsoft_DefaultRuleSet", "version": "2.1"}, [fx.block(path, 46, 55, {"rule_group_name": "JAVA", "rule": [fx.block(path, 47, 51, {"id": "944240", "action": "Block"}, {"id": 48, "action": 49})]}, {})])])
	some h in waf_log4j.deny with input as overridden
	h.location == fx.span(path, 47, 51)
	h.message == `WAF policy "agw" does not block Log4j lookups (Microsoft_DefaultRuleSet rule set 2.1: override of rule 944240: enabled not set, default false)`
}

test_tg_az_237_compliant if {
	count(fx.ids(waf_log4j.deny, "TG-AZ-237")) == 0 with input as agw([rule_set({"version": "3.2"}, [])])
	count(fx.ids(waf_log4j.deny, "TG-AZ-237")) == 0 with input as agw([rule_set({"type": "Microsoft_DefaultRuleSet", "version": "2.1"}, [])])
	enabled := agw([rule_set({"type": "Microsoft_DefaultRuleSet", "version": "2.1"}, [fx.block(path, 46, 55, {"rule_group_name": "JAVA", "rule": [fx.block(path, 47, 51, {"id": "944240", "enabled": true, "action": "AnomalyScoring"}, {})]}, {})])])
	count(fx.ids(waf_log4j.deny, "TG-AZ-237")) == 0 with input as enabled
	other := agw([rule_set({"version": "3.1"}, [fx.block(path, 46, 50, {"rule_group_name": "REQUEST-944-APPLICATION-ATTACK-JAVA", "disabled_rules": ["944250"]}, {})])])
	count(fx.ids(waf_log4j.deny, "TG-AZ-237")) == 0 with input as other
	unknown_version := agw([fx.unknown(rule_set({"type": "OWASP"}, []), "version", 45)])
	count(fx.ids(waf_log4j.deny, "TG-AZ-237")) == 0 with input as unknown_version
}
