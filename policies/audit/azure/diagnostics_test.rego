package tollgate.audit.azure.diagnostics_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.diagnostics
import rego.v1

setting(fields) := fx.block("monitor.tf", 1, 9, fields, {})

log(fields) := fx.block("monitor.tf", 3, 5, fields, {"category": 4, "category_group": 4, "enabled": 4})

doc(settings) := {"related": {"azurerm_monitor_diagnostic_setting": settings}}

test_collects_category if {
	diagnostics.collects({"AuditEvent"}) with input as doc([setting({"enabled_log": [log({"category": "AuditEvent"})]})])
	not diagnostics.collects({"AuditEvent"}) with input as doc([setting({"enabled_log": [log({"category": "AzurePolicyEvaluationDetails"})]})])
}

test_collects_category_group if {
	diagnostics.collects({"kube-audit"}) with input as doc([setting({"enabled_log": [log({"category_group": "allLogs"})]})])
	diagnostics.collects({"kube-audit"}) with input as doc([setting({"enabled_log": [log({"category_group": "audit"})]})])
}

test_v3_log_blocks if {
	diagnostics.collects({"AuditEvent"}) with input as doc([setting({"log": [log({"category": "AuditEvent"})]})])
	diagnostics.collects({"AuditEvent"}) with input as doc([setting({"log": [log({"category": "AuditEvent", "enabled": true})]})])
	not diagnostics.collects({"AuditEvent"}) with input as doc([setting({"log": [log({"category": "AuditEvent", "enabled": false})]})])
}

test_nothing_related if {
	not diagnostics.collects({"AuditEvent"}) with input as {"related": {}}
	not diagnostics.undetermined with input as {"related": {}}
}

test_undetermined if {
	diagnostics.undetermined with input as doc([fx.unknown(setting({}), "enabled_log", 3)])
	diagnostics.undetermined with input as doc([setting({"enabled_log": [fx.unknown(log({}), "category", 4)]})])
	not diagnostics.undetermined with input as doc([setting({"enabled_log": [log({"category": "AuditEvent"})]})])
}
