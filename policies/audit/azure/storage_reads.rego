package tollgate.audit.azure.storage_reads

import data.tollgate.audit.azure.diagnostics
import data.tollgate.lib
import rego.v1

related(type) := object.get(input, ["related", type], [])

# METADATA
# title: Storage account does not log read requests to its tables
# description: |
#   An azurerm_storage_account has tables (azurerm_storage_table resources refer to it), but
#   no diagnostic setting referring to it collects StorageRead logs (or the audit or
#   allLogs group), and no azurerm_log_analytics_storage_insights reads its table logs
#   (table_names): who read which entities cannot be traced after a leak. Not reported when
#   what the diagnostic settings collect, or which resources refer to the account, is
#   unknown.
# related_resources:
# - https://learn.microsoft.com/azure/storage/tables/monitor-table-storage
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_diagnostic_setting
# custom:
#   id: TG-AZ-230
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_monitor_diagnostic_setting with target_resource_id = "${azurerm_storage_account.<name>.id}/tableServices/default" and enabled_log { category = "StorageRead" } (and StorageWrite, StorageDelete) sent to a Log Analytics workspace.
#   frameworks:
#     cis-azure-2.0: ["3.14"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	tables := related("azurerm_storage_table")
	count(tables) > 0
	not reads_logged("table_names")
	msg := sprintf("Storage account %q does not log read requests to its tables (%s)", [input.name, names(tables)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# METADATA
# title: Storage account does not log read requests to its blob containers
# description: |
#   An azurerm_storage_account has blob containers (azurerm_storage_container resources
#   refer to it), but no diagnostic setting referring to it collects StorageRead logs (or
#   the audit or allLogs group), and no azurerm_log_analytics_storage_insights reads its
#   blob logs (blob_container_names): who downloaded which blobs cannot be traced after a
#   leak. Not reported when what the diagnostic settings collect, or which resources refer
#   to the account, is unknown.
# related_resources:
# - https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_diagnostic_setting
# custom:
#   id: TG-AZ-231
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_monitor_diagnostic_setting with target_resource_id = "${azurerm_storage_account.<name>.id}/blobServices/default" and enabled_log { category = "StorageRead" } (and StorageWrite, StorageDelete) sent to a Log Analytics workspace.
#   frameworks:
#     cis-azure-2.0: ["3.13"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	containers := related("azurerm_storage_container")
	count(containers) > 0
	not reads_logged("blob_container_names")
	msg := sprintf("Storage account %q does not log read requests to its blob containers (%s)", [input.name, names(containers)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# reads_logged(key): a diagnostic setting collects read logs, a storage insights resource
# reads the service's logs, or that cannot be known.
reads_logged(_) if diagnostics.collects({"StorageRead"})

reads_logged(_) if diagnostics.undetermined

reads_logged(key) if {
	some insights in related("azurerm_log_analytics_storage_insights")
	count(insights[key]) > 0
}

reads_logged(key) if {
	some insights in related("azurerm_log_analytics_storage_insights")
	lib.unknown(insights, key)
}

# names(bodies): the names of the tables or containers, as far as they are known.
names(bodies) := concat(", ", known) if {
	known := sort([b.name | some b in bodies; is_string(b.name)])
	count(known) > 0
} else := "names unknown"
