package tollgate.access.azure.credentials_test

import data.tollgate.access.azure.credentials
import data.tollgate.access.azure.fixtures_test as fx
import rego.v1

path := "creds/main.tf"

account(fields) := fx.resource("azurerm_storage_account", "sa", fx.block(path, 1, 12, object.union({"name": "acme"}, fields), {"name": 2, "shared_access_key_enabled": 3, "sas_policy": 4}))

test_tg_az_234_violation if {
	findings := credentials.deny with input as account({})
	some f in findings
	f.rule_id == "TG-AZ-234"
	f.location == fx.span(path, 1, 12)
	f.message == `Storage account "sa" has no SAS expiration policy (no sas_policy while Shared Key is allowed)`
	count(fx.ids(credentials.deny, "TG-AZ-234")) == 1 with input as account({"shared_access_key_enabled": true})
}

test_tg_az_234_compliant if {
	policy := fx.block(path, 4, 7, {"expiration_period": "00.01:00:00", "expiration_action": "Block"}, {})
	count(fx.ids(credentials.deny, "TG-AZ-234")) == 0 with input as account({"sas_policy": [policy]})
	count(fx.ids(credentials.deny, "TG-AZ-234")) == 0 with input as account({"shared_access_key_enabled": false})
	unknown_key := fx.resource("azurerm_storage_account", "sa", fx.unknown(fx.block(path, 1, 12, {"name": "acme"}, {}), "shared_access_key_enabled", 3))
	count(fx.ids(credentials.deny, "TG-AZ-234")) == 0 with input as unknown_key
	dynamic_policy := fx.resource("azurerm_storage_account", "sa", fx.unknown(fx.block(path, 1, 12, {"name": "acme"}, {}), "sas_policy", 4))
	count(fx.ids(credentials.deny, "TG-AZ-234")) == 0 with input as dynamic_policy
}

env(vars) := fx.block(path, 25, 28, vars, {k: 26 | some k, _ in vars})

group(kind, vars) := fx.resource("azurerm_container_group", "cg", fx.block(path, 20, 40, {"name": "cg", kind: [fx.block(path, 22, 30, {"name": "app", "environment_variables": env(vars)}, {"name": 23})]}, {}))

test_tg_az_240_violation if {
	findings := credentials.deny with input as group("container", {"LOG_LEVEL": "info", "DB_PASSWORD": "hunter2hunter2"})
	some f in findings
	f.rule_id == "TG-AZ-240"
	f.location == fx.loc(path, 26)
	f.message == `Container group "cg" gives container "app" a credential in the plain environment variable DB_PASSWORD`
	count(fx.ids(credentials.deny, "TG-AZ-240")) == 1 with input as group("init_container", {"SETUP": "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"})
}

test_tg_az_240_compliant if {
	count(fx.ids(credentials.deny, "TG-AZ-240")) == 0 with input as group("container", {"LOG_LEVEL": "info", "PASSWORD_FILE": "/run/secrets/db"})
	count(fx.ids(credentials.deny, "TG-AZ-240")) == 0 with input as group("container", {"API_KEY": ""})
}

workspace(fields) := fx.resource("azurerm_synapse_workspace", "ws", fx.block(path, 50, 60, object.union({"name": "ws"}, fields), {"sql_administrator_login_password": 53}))

test_tg_az_241_violation if {
	findings := credentials.deny with input as workspace({"sql_administrator_login_password": "H@Sh1CoR3!"})
	some f in findings
	f.rule_id == "TG-AZ-241"
	f.location == fx.loc(path, 53)
	f.message == `Synapse workspace "ws" has its SQL administrator password written in the configuration`
}

test_tg_az_241_compliant if {
	count(fx.ids(credentials.deny, "TG-AZ-241")) == 0 with input as workspace({})
	generated := fx.resource("azurerm_synapse_workspace", "ws", fx.unknown(fx.block(path, 50, 60, {"name": "ws"}, {}), "sql_administrator_login_password", 53))
	count(fx.ids(credentials.deny, "TG-AZ-241")) == 0 with input as generated
	masked := json.patch(workspace({"sql_administrator_login_password": "(sensitive value)"}), [{"op": "add", "path": "/resource/__loc/attrs/sql_administrator_login_password/sensitive", "value": true}])
	count(fx.ids(credentials.deny, "TG-AZ-241")) == 0 with input as masked
}

fic(type, issuer, subject) := fx.resource(type, "gh", fx.block(path, 70, 76, {"issuer": issuer, "subject": subject, "audiences": ["api://AzureADTokenExchange"]}, {"issuer": 72, "subject": 73}))

github := "https://token.actions.githubusercontent.com"

test_tg_az_242_violation if {
	findings := credentials.deny with input as fic("azuread_application_federated_identity_credential", github, "environment:production")
	some f in findings
	f.rule_id == "TG-AZ-242"
	f.location == fx.loc(path, 73)
	f.message == `Federated credential "gh" trusts GitHub Actions tokens of any repository (subject "environment:production": starts with the environment claim, not the repository)`
	every subject in ["repo:*", "*:acme/app", "*", "", "repo:acme:ref:refs/heads/main", "workflow:deploy", "ref:refs/heads/main"] {
		count(fx.ids(credentials.deny, "TG-AZ-242")) == 1 with input as fic("azurerm_federated_identity_credential", github, subject)
	}
}

test_tg_az_242_compliant if {
	every subject in ["repo:acme/app:environment:production", "repo:acme/app:ref:refs/heads/main", "repo:acme/app:pull_request"] {
		count(fx.ids(credentials.deny, "TG-AZ-242")) == 0 with input as fic("azuread_application_federated_identity_credential", github, subject)
	}

	# Other issuers (AKS workload identity) have other subject formats.
	aks := fic("azurerm_federated_identity_credential", "https://westeurope.oic.prod-aks.azure.com/t/c/", "system:serviceaccount:default:app")
	count(fx.ids(credentials.deny, "TG-AZ-242")) == 0 with input as aks
}
