# Rules that conclude from the absence of a related resource stay silent on plan
# documents, whose input.related is empty because what refers to a resource is unknown
# (input.related_unknown).
package tollgate.access.azure.related_unknown_test

import data.tollgate.access.azure.database
import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.network_exposure
import data.tollgate.access.azure.private_endpoint
import data.tollgate.access.azure.storage
import rego.v1

path := "plan/main.tf"

plan(doc) := object.union(doc, {"related_unknown": true})


test_tg_az_174_related_unknown if {
	vault := fx.resource("azurerm_key_vault", "kv", fx.block(path, 1, 6, {"name": "acme-kv"}, {"name": 2}))
	count(fx.ids(private_endpoint.deny, "TG-AZ-174")) == 1 with input as vault
	count(fx.ids(private_endpoint.deny, "TG-AZ-174")) == 0 with input as plan(vault)
}

test_tg_az_003_related_unknown if {
	account := fx.resource("azurerm_storage_account", "sa", fx.block(path, 1, 6, {"name": "acme", "account_tier": "Standard"}, {"name": 2}))
	count(fx.ids(storage.deny, "TG-AZ-003")) == 1 with input as account
	count(fx.ids(storage.deny, "TG-AZ-003")) == 0 with input as plan(account)
}

test_tg_az_007_related_unknown if {
	server := fx.resource("azurerm_mssql_server", "sql", fx.block(path, 1, 6, {"name": "acme-sql", "version": "12.0"}, {"name": 2}))
	count(fx.ids(database.deny, "TG-AZ-007")) == 1 with input as server
	count(fx.ids(database.deny, "TG-AZ-007")) == 0 with input as plan(server)
}

test_tg_az_124_related_unknown if {
	nic := fx.resource("azurerm_network_interface", "nic", fx.block(path, 1, 8, {"name": "nic"}, {"name": 2}))
	vm := fx.block("plan/vm.tf", 1, 10, {"name": "vm"}, {})
	doc := fx.related(nic, {"azurerm_linux_virtual_machine": [vm]})
	count(fx.ids(network_exposure.deny, "TG-AZ-124")) == 1 with input as doc
	count(fx.ids(network_exposure.deny, "TG-AZ-124")) == 0 with input as plan(doc)
}
