package tollgate.encryption.azure.storage

import data.tollgate.encryption.azure.tls
import data.tollgate.lib
import rego.v1

# METADATA
# title: Storage account accepts unencrypted HTTP
# description: |
#   https_traffic_only_enabled (azurerm v4; enable_https_traffic_only in v3) is false on an
#   azurerm_storage_account: blobs, files, queues and tables, with the account keys and SAS
#   tokens that authorize the requests, travel over plain HTTP and SMB without encryption.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#https_traffic_only_enabled
# custom:
#   id: TG-AZ-030
#   severity: high
#   category: encryption
#   provider: azure
#   remediation: Remove the attribute or set https_traffic_only_enabled = true (enable_https_traffic_only = true on azurerm v3).
#   frameworks:
#     cis-azure-2.0: ["3.1"]
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	some key in ["https_traffic_only_enabled", "enable_https_traffic_only"]
	lib.is_false(r[key])
	msg := sprintf("storage account %q accepts unencrypted HTTP requests (%s = false)", [input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}

# METADATA
# title: Storage account allows TLS versions below the minimum
# description: |
#   min_tls_version on an azurerm_storage_account is older than the min_tls_version
#   parameter (default 1.2), e.g. "TLS1_0" or "TLS1_1": clients can negotiate deprecated
#   protocol versions with known weaknesses. Left unset, the provider's default (TLS1_2
#   since azurerm v3) applies and nothing is reported.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#min_tls_version
# custom:
#   id: TG-AZ-031
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set min_tls_version = "TLS1_2" (or remove it) after checking that no client still needs TLS 1.0 or 1.1.
#   frameworks:
#     cis-azure-2.0: ["3.15"]
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	tls.below_minimum(r.min_tls_version)
	msg := sprintf("storage account %q allows TLS older than %s (min_tls_version = %q)", [input.name, tls.minimum_name, r.min_tls_version])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "min_tls_version"), msg)
}

# Account kinds on which the provider accepts infrastructure encryption and customer
# managed keys; "Storage" (general-purpose v1) and "BlobStorage" are legacy kinds.
modern_kind(r) if unset(r, "account_kind")

modern_kind(r) if r.account_kind in {"StorageV2", "BlockBlobStorage", "FileStorage"}

# METADATA
# title: Storage account has no infrastructure encryption
# description: |
#   infrastructure_encryption_enabled is false, or not set (its default is false), on a
#   StorageV2, BlockBlobStorage or FileStorage azurerm_storage_account: data is encrypted
#   once, at the service level, instead of twice with two algorithms and two keys. It can
#   only be chosen when the account is created.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#infrastructure_encryption_enabled
# custom:
#   id: TG-AZ-032
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Set infrastructure_encryption_enabled = true on new accounts (existing accounts must be recreated and their data copied).
#   frameworks:
#     cis-azure-2.0: ["3.2"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	modern_kind(r)
	problem := double_encryption_off(r)
	msg := sprintf("storage account %q has no infrastructure (double) encryption (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "infrastructure_encryption_enabled"), msg)
}

double_encryption_off(r) := "infrastructure_encryption_enabled = false" if {
	lib.is_false(r.infrastructure_encryption_enabled)
} else := "infrastructure_encryption_enabled not set, default false" if {
	unset(r, "infrastructure_encryption_enabled")
}

# METADATA
# title: Storage account is not encrypted with a customer-managed key
# description: |
#   A StorageV2, BlockBlobStorage or FileStorage azurerm_storage_account has no
#   customer_managed_key block and no azurerm_storage_account_customer_managed_key refers
#   to it: its data is encrypted with a Microsoft-managed key, which the organisation can
#   neither rotate on its own schedule, nor revoke to make the data unreadable, nor audit
#   the use of.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account_customer_managed_key
# custom:
#   id: TG-AZ-033
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Add a customer_managed_key block (key_vault_key_id and user_assigned_identity_id) or an azurerm_storage_account_customer_managed_key resource with a key from a Key Vault that has purge protection.
#   frameworks:
#     cis-azure-2.0: ["3.12"]
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	modern_kind(r)
	no_block(r, "customer_managed_key")
	not input.related_unknown
	count(object.get(input, ["related", "azurerm_storage_account_customer_managed_key"], [])) == 0
	msg := sprintf("storage account %q is not encrypted with a customer-managed key", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null: the
# provider default applies.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
