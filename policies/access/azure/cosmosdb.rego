package tollgate.access.azure.cosmosdb

import data.tollgate.lib
import rego.v1

# METADATA
# title: Cosmos DB account accepts traffic from all networks
# description: |
#   An azurerm_cosmosdb_account with public network access (public_network_access_enabled
#   true or not set, its default) has neither an IP firewall (ip_range_filter) nor virtual
#   network filtering (is_virtual_network_filter_enabled = true): its data endpoints are
#   reachable from the whole internet, protected only by keys and tokens. Not reported when
#   a value it depends on is unknown.
# related_resources:
# - https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#ip_range_filter
# custom:
#   id: TG-AZ-015
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set ip_range_filter to the client addresses that need the account, or enable is_virtual_network_filter_enabled with virtual_network_rule blocks, or set public_network_access_enabled = false and use a private endpoint.
#   frameworks:
#     cis-azure-2.0: ["4.5.1"]
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_cosmosdb_account"
	r := input.resource
	public_access_on(r)
	no_ip_filter(r)
	not vnet_filter_on(r)
	not lib.unknown(r, "is_virtual_network_filter_enabled")
	msg := sprintf("Cosmos DB account %q accepts traffic from all networks (public network access, no ip_range_filter, no virtual network filter)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "public_network_access_enabled"), msg)
}

public_access_on(r) if lib.is_true(r.public_network_access_enabled)

public_access_on(r) if unset(r, "public_network_access_enabled")

# ip_range_filter is a comma-separated string in azurerm v3 and a set of strings in v4.
# An empty set is not taken for "no filter": the scanner drops the unknown elements of a
# list, so [var.office] with no value for var.office reads [].
no_ip_filter(r) if unset(r, "ip_range_filter")

no_ip_filter(r) if r.ip_range_filter == ""

vnet_filter_on(r) if lib.is_true(r.is_virtual_network_filter_enabled)

# APIs for which the provider cannot disable local authentication.
non_sql_capabilities := {"EnableCassandra", "EnableTable", "EnableGremlin", "EnableMongo"}

# METADATA
# title: Cosmos DB account allows key-based authentication
# description: |
#   local_authentication_disabled is false, or not set (its default is false), on an
#   azurerm_cosmosdb_account of the NoSQL (SQL) API: the primary and secondary keys, which
#   grant full read-write access to all data and cannot be scoped to a person, keep
#   working beside Entra ID and Cosmos DB data-plane RBAC. Accounts of the MongoDB,
#   Cassandra, Table and Gremlin APIs are not reported (the setting applies to the NoSQL
#   API).
# related_resources:
# - https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#disable-local-auth
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#local_authentication_disabled
# custom:
#   id: TG-AZ-016
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Grant applications Cosmos DB data-plane roles (azurerm_cosmosdb_sql_role_assignment) and set local_authentication_disabled = true.
#   frameworks:
#     cis-azure-2.0: ["4.5.3"]
#     nist-800-53: ["IA-2", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type == "azurerm_cosmosdb_account"
	r := input.resource
	sql_api(r)
	problem := local_auth_on(r)
	msg := sprintf("Cosmos DB account %q allows key-based authentication (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "local_authentication_disabled"), msg)
}

sql_api(r) if {
	not r.kind == "MongoDB"
	not lib.unknown(r, "kind")
	not non_sql_capability(r)
}

non_sql_capability(r) if {
	some c in r.capabilities
	c.name in non_sql_capabilities
}

local_auth_on(r) := "local_authentication_disabled = false" if {
	lib.is_false(r.local_authentication_disabled)
} else := "local_authentication_disabled not set, default false" if {
	unset(r, "local_authentication_disabled")
}

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null: the
# provider default applies.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
