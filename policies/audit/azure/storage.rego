package tollgate.audit.azure.storage

import data.tollgate.audit.azure.diagnostics
import data.tollgate.lib
import rego.v1

operations := ["read", "write", "delete"]

# METADATA
# title: Storage queue service does not log read, write and delete requests
# description: |
#   Storage Analytics logging of the queue service is missing or incomplete on a Standard
#   general-purpose azurerm_storage_account: queue_properties has no logging block, or its
#   read, write or delete flag is false (the same on a separate
#   azurerm_storage_account_queue_properties resource), or the account has neither
#   queue_properties, nor an azurerm_storage_account_queue_properties, nor a diagnostic
#   setting referring to it. Requests to the queues, and who made them, cannot be traced.
#   Premium, BlobStorage, BlockBlobStorage and FileStorage accounts, which have no queue
#   service, are not reported.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/storage-analytics-logging
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#logging
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account_queue_properties
# custom:
#   id: TG-AZ-073
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add queue_properties { logging { version = "1.0", read = true, write = true, delete = true, retention_policy_days = 90 } } (or an azurerm_storage_account_queue_properties resource), or send the queue service's StorageRead/StorageWrite/StorageDelete logs to Log Analytics with an azurerm_monitor_diagnostic_setting.
#   frameworks:
#     cis-azure-2.0: ["3.5"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"azurerm_storage_account", "azurerm_storage_account_queue_properties"}
	some v in queue_logging_gaps
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# Inline queue_properties of the account.
queue_logging_gaps contains v if {
	input.type == "azurerm_storage_account"
	has_queues(input.resource)
	some props in input.resource.queue_properties
	v := logging_gap(props, sprintf("storage account %q", [input.name]))
}

# The account configures nothing for its queues, anywhere.
queue_logging_gaps contains v if {
	input.type == "azurerm_storage_account"
	r := input.resource
	has_queues(r)
	lib.missing(r, "queue_properties")
	not input.related_unknown
	count(object.get(input, ["related", "azurerm_storage_account_queue_properties"], [])) == 0
	count(diagnostics.settings) == 0
	v := {
		"location": lib.loc(r),
		"message": sprintf("storage account %q does not log queue requests (no queue_properties logging, no diagnostic setting)", [input.name]),
	}
}

# The separate queue properties resource (azurerm v4).
queue_logging_gaps contains v if {
	input.type == "azurerm_storage_account_queue_properties"
	some props in input.resource.properties
	v := logging_gap(props, sprintf("storage account queue properties %q", [input.name]))
}

logging_gap(props, subject) := v if {
	lib.missing(props, "logging")
	v := {"location": lib.loc(props), "message": sprintf("%s does not log queue requests (no logging block)", [subject])}
} else := v if {
	some logging in props.logging
	off := [op | some op in operations; lib.is_false(logging[op])]
	count(off) > 0
	v := {
		"location": lib.attr_loc(logging, off[0]),
		"message": sprintf("%s does not log queue %s requests", [subject, concat(", ", off)]),
	}
}

# Standard general-purpose accounts (Storage, StorageV2) have a queue service.
has_queues(r) if {
	not premium(r)
	not lib.unknown(r, "account_tier")
	general_purpose(r)
}

premium(r) if r.account_tier == "Premium"

general_purpose(r) if lib.missing(r, "account_kind")

general_purpose(r) if r.account_kind in {"Storage", "StorageV2"}
