# Rules that conclude from the absence of a related resource stay silent on plan
# documents, whose input.related is empty because what refers to a resource is unknown
# (input.related_unknown).
package tollgate.audit.azure.related_unknown_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.database
import data.tollgate.audit.azure.postgresql_parameters
import data.tollgate.audit.azure.storage
import rego.v1

path := "plan/main.tf"

plan(doc) := object.union(doc, {"related_unknown": true})

test_tg_az_073_related_unknown if {
	account := fx.resource("azurerm_storage_account", "sa", fx.block(path, 1, 6, {"name": "acme", "account_tier": "Standard"}, {"name": 2}))
	count(fx.ids(storage.deny, "TG-AZ-073")) == 1 with input as account
	count(fx.ids(storage.deny, "TG-AZ-073")) == 0 with input as plan(account)
}

test_tg_az_071_related_unknown if {
	server := fx.resource("azurerm_mssql_server", "sql", fx.block(path, 1, 6, {"name": "acme-sql", "version": "12.0"}, {"name": 2}))
	count(fx.ids(database.deny, "TG-AZ-071")) == 1 with input as server
	count(fx.ids(database.deny, "TG-AZ-071")) == 0 with input as plan(server)
}

test_tg_az_108_related_unknown if {
	server := fx.resource("azurerm_postgresql_server", "pg", fx.block(path, 1, 6, {"name": "acme-pg"}, {"name": 2}))
	count(fx.ids(postgresql_parameters.deny, "TG-AZ-108")) == 1 with input as server
	count(fx.ids(postgresql_parameters.deny, "TG-AZ-108")) == 0 with input as plan(server)
}
