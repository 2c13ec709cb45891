package tollgate.audit.azure.storage_reads_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.storage_reads
import rego.v1

path := "storage/main.tf"

account := fx.resource("azurerm_storage_account", "sa", fx.block(path, 1, 8, {"name": "acme"}, {"name": 2}))

table := fx.block("storage/tables.tf", 1, 4, {"name": "orders"}, {"name": 2})

container := fx.block("storage/containers.tf", 1, 5, {"name": "uploads", "container_access_type": "private"}, {"name": 2})

diagnostic(categories) := fx.block("storage/diag.tf", 1, 9, {"enabled_log": [fx.block("storage/diag.tf", 4, 6, {"category": c}, {}) | some c in categories]}, {})

insights(fields) := fx.block("storage/insights.tf", 1, 7, fields, {})

test_tg_az_230_violation if {
	doc := fx.related(account, {"azurerm_storage_table": [table]})
	findings := storage_reads.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-230"
	f.location == fx.span(path, 1, 8)
	f.message == `Storage account "sa" does not log read requests to its tables (orders)`
	writes_only := fx.related(account, {"azurerm_storage_table": [table], "azurerm_monitor_diagnostic_setting": [diagnostic(["StorageWrite"])]})
	count(fx.ids(storage_reads.deny, "TG-AZ-230")) == 1 with input as writes_only
}

test_tg_az_230_compliant if {
	count(fx.ids(storage_reads.deny, "TG-AZ-230")) == 0 with input as account
	logged := fx.related(account, {"azurerm_storage_table": [table], "azurerm_monitor_diagnostic_setting": [diagnostic(["StorageRead", "StorageWrite"])]})
	count(fx.ids(storage_reads.deny, "TG-AZ-230")) == 0 with input as logged
	read_in := fx.related(account, {"azurerm_storage_table": [table], "azurerm_log_analytics_storage_insights": [insights({"table_names": ["orders"]})]})
	count(fx.ids(storage_reads.deny, "TG-AZ-230")) == 0 with input as read_in
	count(fx.ids(storage_reads.deny, "TG-AZ-230")) == 0 with input as object.union(account, {"related_unknown": true})
}

test_tg_az_231_violation if {
	doc := fx.related(account, {"azurerm_storage_container": [container], "azurerm_log_analytics_storage_insights": [insights({"table_names": ["orders"]})]})
	findings := storage_reads.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-231"
	f.location == fx.span(path, 1, 8)
	f.message == `Storage account "sa" does not log read requests to its blob containers (uploads)`
}

test_tg_az_231_compliant if {
	logged := fx.related(account, {"azurerm_storage_container": [container], "azurerm_monitor_diagnostic_setting": [diagnostic(["StorageRead"])]})
	count(fx.ids(storage_reads.deny, "TG-AZ-231")) == 0 with input as logged
	read_in := fx.related(account, {"azurerm_storage_container": [container], "azurerm_log_analytics_storage_insights": [insights({"blob_container_names": ["uploads"]})]})
	count(fx.ids(storage_reads.deny, "TG-AZ-231")) == 0 with input as read_in
	dynamic := fx.related(account, {"azurerm_storage_container": [container], "azurerm_monitor_diagnostic_setting": [fx.unknown(diagnostic([]), "enabled_log", 3)]})
	count(fx.ids(storage_reads.deny, "TG-AZ-231")) == 0 with input as dynamic
}
