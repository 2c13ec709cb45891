package tollgate.audit.azure.key_vault

import data.tollgate.audit.azure.diagnostics
import data.tollgate.lib
import rego.v1

# METADATA
# title: Key Vault access is not logged
# description: |
#   No azurerm_monitor_diagnostic_setting that refers to the azurerm_key_vault collects its
#   AuditEvent log (or the audit or allLogs category group): reads of secrets, uses of keys
#   and changes of access are not recorded, so a leaked credential's use cannot be traced.
#   Not reported when what a diagnostic setting collects is unknown.
# related_resources:
# - https://learn.microsoft.com/azure/key-vault/general/logging
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_diagnostic_setting
# custom:
#   id: TG-AZ-074
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_monitor_diagnostic_setting with target_resource_id = the vault's id, a Log Analytics workspace (or storage account) destination and enabled_log { category_group = "audit" }.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_key_vault"
	not diagnostics.collects({"AuditEvent"})
	not diagnostics.undetermined
	msg := sprintf("key vault %q has no diagnostic setting collecting its AuditEvent log", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
