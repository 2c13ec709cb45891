# Rules that conclude from the absence of a related resource stay silent on plan
# documents, whose input.related is empty because what refers to a resource is unknown
# (input.related_unknown).
package tollgate.encryption.azure.related_unknown_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.storage
import rego.v1

test_tg_az_033_related_unknown if {
	account := fx.resource("azurerm_storage_account", "sa", fx.block("plan/main.tf", 1, 6, {"name": "acme", "account_tier": "Standard"}, {"name": 2}))
	count(fx.ids(storage.deny, "TG-AZ-033")) == 1 with input as account
	count(fx.ids(storage.deny, "TG-AZ-033")) == 0 with input as object.union(account, {"related_unknown": true})
}
