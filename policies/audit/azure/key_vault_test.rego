package tollgate.audit.azure.key_vault_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.key_vault
import rego.v1

path := "security/kv.tf"

# resource "azurerm_key_vault" "main" {   # line 1
#   name     = "acme-kv"                 # line 2
#   sku_name = "standard"                # line 3
# }                                      # line 4
vault := fx.resource("azurerm_key_vault", "main", fx.block(path, 1, 4, {"name": "acme-kv", "sku_name": "standard"}, {"name": 2, "sku_name": 3}))

# resource "azurerm_monitor_diagnostic_setting" "kv" {            # line 10
#   name                       = "kv-audit"                      # line 11
#   target_resource_id         = azurerm_key_vault.main.id       # line 12 (unknown)
#   log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id   # line 13 (unknown)
#   enabled_log {                                                # line 14
#     category_group = GROUP                                     # line 15
#   }                                                            # line 16
# }                                                              # line 17
setting(log) := fx.unknown(
	fx.unknown(
		fx.block("security/monitor.tf", 10, 17, {"name": "kv-audit", "enabled_log": [fx.block("security/monitor.tf", 14, 16, log, {"category_group": 15, "category": 15})]}, {"name": 11}),
		"target_resource_id", 12,
	),
	"log_analytics_workspace_id", 13,
)

test_tg_az_074_violation if {
	findings := key_vault.deny with input as vault
	some f in findings
	f.rule_id == "TG-AZ-074"
	f.location == fx.span(path, 1, 4)
	f.message == `key vault "main" has no diagnostic setting collecting its AuditEvent log`
}

test_tg_az_074_compliant if {
	doc := fx.related(vault, {"azurerm_monitor_diagnostic_setting": [setting({"category_group": "audit"})]})
	count(fx.ids(key_vault.deny, "TG-AZ-074")) == 0 with input as doc
	category := fx.related(vault, {"azurerm_monitor_diagnostic_setting": [setting({"category": "AuditEvent"})]})
	count(fx.ids(key_vault.deny, "TG-AZ-074")) == 0 with input as category
}

test_tg_az_074_setting_without_audit_log_fires if {
	doc := fx.related(vault, {"azurerm_monitor_diagnostic_setting": [setting({"category": "AzurePolicyEvaluationDetails"})]})
	count(fx.ids(key_vault.deny, "TG-AZ-074")) == 1 with input as doc
}

test_tg_az_074_unknown_does_not_fire if {
	log := fx.unknown(setting({"category": "x"}).enabled_log[0], "category", 15)
	unknown_setting := object.union(setting({}), {"enabled_log": [log]})
	doc := fx.related(vault, {"azurerm_monitor_diagnostic_setting": [unknown_setting]})
	count(fx.ids(key_vault.deny, "TG-AZ-074")) == 0 with input as doc
}
