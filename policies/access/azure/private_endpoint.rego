package tollgate.access.azure.private_endpoint

import data.tollgate.lib
import rego.v1

kinds := {
	"azurerm_key_vault": "Key Vault",
	"azurerm_storage_account": "storage account",
	"azurerm_mssql_server": "SQL server",
	"azurerm_postgresql_server": "PostgreSQL server",
	"azurerm_postgresql_flexible_server": "PostgreSQL flexible server",
	"azurerm_mysql_server": "MySQL server",
	"azurerm_mysql_flexible_server": "MySQL flexible server",
	"azurerm_mariadb_server": "MariaDB server",
}

# METADATA
# title: Data service has no private endpoint
# description: |
#   No azurerm_private_endpoint of the configuration refers to this Key Vault, storage
#   account, SQL server, or PostgreSQL, MySQL or MariaDB server: clients inside the virtual
#   networks reach it through its public endpoint, so the public endpoint has to stay open
#   (to the internet or to firewall exceptions) and the traffic leaves the private network.
#   Flexible servers injected into a virtual network (delegated_subnet_id) have no public
#   endpoint and are not reported.
# related_resources:
# - https://learn.microsoft.com/azure/private-link/private-endpoint-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/private_endpoint
# custom:
#   id: TG-AZ-174
#   severity: low
#   category: access
#   provider: azure
#   remediation: Add an azurerm_private_endpoint whose private_service_connection names the resource (private_connection_resource_id) with the right subresource, a private DNS zone group, and then turn off public network access.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {
		"azurerm_key_vault",
		"azurerm_storage_account",
		"azurerm_mssql_server",
		"azurerm_postgresql_server",
		"azurerm_postgresql_flexible_server",
		"azurerm_mysql_server",
		"azurerm_mysql_flexible_server",
		"azurerm_mariadb_server",
	}
	r := input.resource
	not input.related_unknown
	count(object.get(input, ["related", "azurerm_private_endpoint"], [])) == 0
	not vnet_injected(r)
	msg := sprintf("%s %q has no private endpoint", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

vnet_injected(r) if {
	input.type in {"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"}
	not lib.missing(r, "delegated_subnet_id")
}
