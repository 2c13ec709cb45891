package tollgate.encryption.azure.cmk

import data.tollgate.lib
import rego.v1

related(type) := object.get(input, ["related", type], [])

# no_related(type): no resource of type refers to the one evaluated, and that is known (a
# plan's resources name no references: input.related_unknown).
no_related(type) if {
	not input.related_unknown
	count(related(type)) == 0
}

single_server_keys := {
	"azurerm_mysql_server": "azurerm_mysql_server_key",
	"azurerm_postgresql_server": "azurerm_postgresql_server_key",
}

# METADATA
# title: MySQL or PostgreSQL single server has no customer-managed key
# description: |
#   No azurerm_mysql_server_key (azurerm_postgresql_server_key) of the configuration refers
#   to this azurerm_mysql_server (azurerm_postgresql_server): its data is encrypted with
#   Microsoft-managed keys only, and the organisation cannot revoke access to it by
#   disabling its own key. (Single servers are retired and gone from azurerm v4.)
# related_resources:
# - https://learn.microsoft.com/azure/mysql/single-server/concepts-data-encryption-mysql
# - https://registry.terraform.io/providers/hashicorp/azurerm/3.117.1/docs/resources/mysql_server_key
# custom:
#   id: TG-AZ-205
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Add an azurerm_mysql_server_key (azurerm_postgresql_server_key) with server_id and key_vault_key_id, or migrate to a flexible server with customer_managed_key.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type in {"azurerm_mysql_server", "azurerm_postgresql_server"}
	key_type := single_server_keys[input.type]
	no_related(key_type)
	msg := sprintf("database server %q has no customer-managed key (no %s refers to it)", [input.name, key_type])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# METADATA
# title: Data Explorer cluster has no customer-managed key
# description: |
#   No azurerm_kusto_cluster_customer_managed_key of the configuration refers to this
#   azurerm_kusto_cluster: its databases are encrypted with Microsoft-managed keys only, and
#   the organisation cannot revoke access to them by disabling its own key.
# related_resources:
# - https://learn.microsoft.com/azure/data-explorer/customer-managed-keys
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kusto_cluster_customer_managed_key
# custom:
#   id: TG-AZ-206
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Add an azurerm_kusto_cluster_customer_managed_key with cluster_id, key_vault_id and key_name (the cluster needs a managed identity with access to the key).
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "azurerm_kusto_cluster"
	no_related("azurerm_kusto_cluster_customer_managed_key")
	msg := sprintf("Data Explorer cluster %q has no customer-managed key", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# METADATA
# title: Cognitive Services account has no customer-managed key
# description: |
#   An azurerm_cognitive_account has no customer_managed_key block and no
#   azurerm_cognitive_account_customer_managed_key refers to it: its data (fine-tuned models,
#   uploaded files, stored prompts) is encrypted with Microsoft-managed keys only.
# related_resources:
# - https://learn.microsoft.com/azure/ai-services/encryption/cognitive-services-encryption-keys-portal
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cognitive_account_customer_managed_key
# custom:
#   id: TG-AZ-207
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Add customer_managed_key { key_vault_key_id = ... } (or an azurerm_cognitive_account_customer_managed_key) with an identity that can use the key.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "azurerm_cognitive_account"
	r := input.resource
	not lib.unknown(r, "customer_managed_key")
	count(object.get(r, "customer_managed_key", [])) == 0
	no_related("azurerm_cognitive_account_customer_managed_key")
	msg := sprintf("Cognitive Services account %q has no customer-managed key", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# METADATA
# title: Databricks workspace root storage has no customer-managed key
# description: |
#   A premium azurerm_databricks_workspace does not set customer_managed_key_enabled = true,
#   or no azurerm_databricks_workspace_root_dbfs_customer_managed_key refers to it: the
#   workspace's root DBFS storage (libraries, init scripts, job results, and data users
#   write there) is encrypted with Microsoft-managed keys only. Customer-managed keys need
#   the premium tier, so other tiers are not reported.
# related_resources:
# - https://learn.microsoft.com/azure/databricks/security/keys/customer-managed-keys-dbfs/
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/databricks_workspace_root_dbfs_customer_managed_key
# custom:
#   id: TG-AZ-212
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Set customer_managed_key_enabled = true and add an azurerm_databricks_workspace_root_dbfs_customer_managed_key with the workspace_id and key_vault_key_id.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "azurerm_databricks_workspace"
	r := input.resource
	r.sku == "premium"
	not lib.unknown(r, "customer_managed_key_enabled")
	not dbfs_cmk(r)
	msg := sprintf("Databricks workspace %q root storage has no customer-managed key", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

dbfs_cmk(r) if {
	lib.is_true(r.customer_managed_key_enabled)
	count(related("azurerm_databricks_workspace_root_dbfs_customer_managed_key")) > 0
}
