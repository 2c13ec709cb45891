package tollgate.audit.azure.synapse_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.synapse
import rego.v1

path := "synapse/main.tf"

workspace := fx.resource("azurerm_synapse_workspace", "ws", fx.block(path, 1, 5, {"name": "ws"}, {"name": 2}))

pool := fx.resource("azurerm_synapse_sql_pool", "dw", fx.block(path, 10, 15, {"name": "dw"}, {"name": 11}))

policy(fields, lines) := fx.block("synapse/policy.tf", 1, 6, fields, lines)

test_tg_az_213_violation if {
	findings := synapse.deny with input as workspace
	some f in findings
	f.rule_id == "TG-AZ-213"
	f.location == fx.span(path, 1, 5)
	f.message == `Synapse workspace "ws" has no auditing policy`
}

test_tg_az_213_compliant if {
	doc := fx.related(workspace, {"azurerm_synapse_workspace_extended_auditing_policy": [policy({}, {})]})
	count(fx.ids(synapse.deny, "TG-AZ-213")) == 0 with input as doc
}

test_tg_az_214_violation if {
	findings := synapse.deny with input as pool
	some f in findings
	f.rule_id == "TG-AZ-214"
	f.location == fx.span(path, 10, 15)
	f.message == `Synapse SQL pool "dw" has no enabled security alert policy`
	disabled := fx.related(pool, {"azurerm_synapse_sql_pool_security_alert_policy": [policy({"policy_state": "Disabled"}, {"policy_state": 3})]})
	count(fx.ids(synapse.deny, "TG-AZ-214")) == 1 with input as disabled
}

test_tg_az_214_compliant if {
	doc := fx.related(pool, {"azurerm_synapse_sql_pool_security_alert_policy": [policy({"policy_state": "Enabled"}, {"policy_state": 3})]})
	count(fx.ids(synapse.deny, "TG-AZ-214")) == 0 with input as doc
}

test_tg_az_215_violation if {
	findings := synapse.deny with input as pool
	some f in findings
	f.rule_id == "TG-AZ-215"
	f.message == `Synapse SQL pool "dw" audit logs do not reach Azure Monitor (no extended auditing policy refers to it)`
	off := fx.related(pool, {"azurerm_synapse_sql_pool_extended_auditing_policy": [policy({"log_monitoring_enabled": false}, {"log_monitoring_enabled": 4})]})
	some g in synapse.deny with input as off
	g.rule_id == "TG-AZ-215"
	g.location == fx.loc("synapse/policy.tf", 4)
}

test_tg_az_215_compliant if {
	doc := fx.related(pool, {"azurerm_synapse_sql_pool_extended_auditing_policy": [policy({}, {})]})
	count(fx.ids(synapse.deny, "TG-AZ-215")) == 0 with input as doc
}
