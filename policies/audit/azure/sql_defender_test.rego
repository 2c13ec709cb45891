package tollgate.audit.azure.sql_defender_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.sql_defender
import rego.v1

path := "sql/main.tf"

plan(doc) := object.union(doc, {"related_unknown": true})

server(type, fields) := fx.resource(type, "sql", fx.block(path, 1, 8, object.union({"name": "acme-sql"}, fields), {"name": 2}))

policy(fields) := fx.block("sql/policy.tf", 1, 5, fields, {})

test_tg_az_228_violation if {
	findings := sql_defender.deny with input as server("azurerm_mssql_server", {})
	some f in findings
	f.rule_id == "TG-AZ-228"
	f.location == fx.span(path, 1, 8)
	f.message == `SQL server "sql" has no Defender security alert policy`
	off := server("azurerm_sql_server", {"threat_detection_policy": [fx.block(path, 4, 6, {"state": "Disabled"}, {})]})
	count(fx.ids(sql_defender.deny, "TG-AZ-228")) == 1 with input as off
}

test_tg_az_228_compliant if {
	with_policy := fx.related(server("azurerm_mssql_server", {}), {"azurerm_mssql_server_security_alert_policy": [policy({"state": "Enabled"})]})
	count(fx.ids(sql_defender.deny, "TG-AZ-228")) == 0 with input as with_policy
	inline := server("azurerm_sql_server", {"threat_detection_policy": [fx.block(path, 4, 6, {"state": "Enabled"}, {})]})
	count(fx.ids(sql_defender.deny, "TG-AZ-228")) == 0 with input as inline

	# A plan names no references: whether a policy refers to the server is unknown.
	count(fx.ids(sql_defender.deny, "TG-AZ-228")) == 0 with input as plan(server("azurerm_mssql_server", {}))
}

alert_policy := fx.resource("azurerm_synapse_sql_pool_security_alert_policy", "p", fx.block(path, 10, 14, {"policy_state": "Enabled"}, {"policy_state": 11}))

test_tg_az_229_violation if {
	findings := sql_defender.deny with input as alert_policy
	some f in findings
	f.rule_id == "TG-AZ-229"
	f.location == fx.span(path, 10, 14)
	f.message == `Synapse SQL pool security alert policy "p" has no vulnerability assessment`
}

test_tg_az_229_compliant if {
	assessed := fx.related(alert_policy, {"azurerm_synapse_sql_pool_vulnerability_assessment": [policy({"storage_container_path": "https://acme.blob.core.windows.net/va/"})]})
	count(fx.ids(sql_defender.deny, "TG-AZ-229")) == 0 with input as assessed
	count(fx.ids(sql_defender.deny, "TG-AZ-229")) == 0 with input as plan(alert_policy)
}
