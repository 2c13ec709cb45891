package tollgate.encryption.azure.cmk_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.cmk
import rego.v1

path := "data/main.tf"

doc(type, fields) := fx.resource(type, "main", fx.block(path, 1, 4, object.union({"name": "acme"}, fields), {"name": 2}))

key_body := fx.block("data/keys.tf", 1, 5, {"name": "key"}, {"name": 2})

test_tg_az_205_violation if {
	findings := cmk.deny with input as doc("azurerm_mysql_server", {})
	some f in findings
	f.rule_id == "TG-AZ-205"
	f.location == fx.span(path, 1, 4)
	f.message == `database server "main" has no customer-managed key (no azurerm_mysql_server_key refers to it)`
}

test_tg_az_205_compliant if {
	count(fx.ids(cmk.deny, "TG-AZ-205")) == 0 with input as fx.related(doc("azurerm_postgresql_server", {}), {"azurerm_postgresql_server_key": [key_body]})
}

test_tg_az_206_violation if {
	findings := cmk.deny with input as doc("azurerm_kusto_cluster", {})
	some f in findings
	f.rule_id == "TG-AZ-206"
	f.location == fx.span(path, 1, 4)
	f.message == `Data Explorer cluster "main" has no customer-managed key`
}

test_tg_az_206_compliant if {
	count(fx.ids(cmk.deny, "TG-AZ-206")) == 0 with input as fx.related(doc("azurerm_kusto_cluster", {}), {"azurerm_kusto_cluster_customer_managed_key": [key_body]})
}

test_tg_az_207_violation if {
	findings := cmk.deny with input as doc("azurerm_cognitive_account", {})
	some f in findings
	f.rule_id == "TG-AZ-207"
	f.location == fx.span(path, 1, 4)
	f.message == `Cognitive Services account "main" has no customer-managed key`
}

test_tg_az_207_compliant if {
	inline := doc("azurerm_cognitive_account", {"customer_managed_key": [key_body]})
	count(fx.ids(cmk.deny, "TG-AZ-207")) == 0 with input as inline
	count(fx.ids(cmk.deny, "TG-AZ-207")) == 0 with input as fx.related(doc("azurerm_cognitive_account", {}), {"azurerm_cognitive_account_customer_managed_key": [key_body]})
}

test_tg_az_212_violation if {
	findings := cmk.deny with input as doc("azurerm_databricks_workspace", {"sku": "premium"})
	some f in findings
	f.rule_id == "TG-AZ-212"
	f.location == fx.span(path, 1, 4)
	f.message == `Databricks workspace "main" root storage has no customer-managed key`
}

test_tg_az_212_compliant if {
	ws := doc("azurerm_databricks_workspace", {"sku": "premium", "customer_managed_key_enabled": true})
	count(fx.ids(cmk.deny, "TG-AZ-212")) == 0 with input as fx.related(ws, {"azurerm_databricks_workspace_root_dbfs_customer_managed_key": [key_body]})
	count(fx.ids(cmk.deny, "TG-AZ-212")) == 0 with input as doc("azurerm_databricks_workspace", {"sku": "standard"})
}
