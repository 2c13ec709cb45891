package tollgate.backup.azure.storage

import data.tollgate.lib
import rego.v1

# METADATA
# title: Storage account blob soft delete is off or too short
# description: |
#   The azurerm_storage_account keeps deleted and overwritten blobs for fewer days than the
#   min_backup_retention_days parameter (default 7): blob_properties has no
#   delete_retention_policy (soft delete off, the account default), or its days is lower
#   (a delete_retention_policy block without days keeps 7 days). A deleted blob, or one
#   overwritten by ransomware or a faulty job, is then lost for good. FileStorage accounts
#   hold no blobs and are not reported, nor is anything unknown.
# related_resources:
# - https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#delete_retention_policy
# custom:
#   id: TG-AZ-050
#   severity: medium
#   category: backup
#   provider: azure
#   remediation: Add blob_properties { delete_retention_policy { days = 7 } } (or more days, up to 365).
#   frameworks:
#     cis-azure-2.0: ["3.11"]
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	v := short_retention(input.resource, "delete_retention_policy", "blob")
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# METADATA
# title: Storage account container soft delete is off or too short
# description: |
#   The azurerm_storage_account keeps deleted containers for fewer days than the
#   min_backup_retention_days parameter (default 7): blob_properties has no
#   container_delete_retention_policy (container soft delete off, the account default), or
#   its days is lower (7 when the block has no days). Deleting a container, by mistake or
#   on purpose, deletes all of its blobs beyond recovery. FileStorage accounts are not
#   reported, nor is anything unknown.
# related_resources:
# - https://learn.microsoft.com/azure/storage/blobs/soft-delete-container-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#container_delete_retention_policy
# custom:
#   id: TG-AZ-051
#   severity: medium
#   category: backup
#   provider: azure
#   remediation: Add blob_properties { container_delete_retention_policy { days = 7 } } (or more days, up to 365).
#   frameworks:
#     cis-azure-2.0: ["3.11"]
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	v := short_retention(input.resource, "container_delete_retention_policy", "container")
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

min_days := lib.param("min_backup_retention_days")

# short_retention(r, policy, what) is the violation of the soft delete setting policy
# (a block of blob_properties) of account r, if any.
short_retention(r, policy, what) := v if {
	holds_blobs(r)
	no_block(r, "blob_properties")
	v := {
		"location": lib.loc(r),
		"message": sprintf("storage account %q has %s soft delete disabled (no blob_properties.%s)", [input.name, what, policy]),
	}
} else := v if {
	holds_blobs(r)
	some props in r.blob_properties
	no_block(props, policy)
	v := {
		"location": lib.loc(props),
		"message": sprintf("storage account %q has %s soft delete disabled (no blob_properties.%s)", [input.name, what, policy]),
	}
} else := v if {
	holds_blobs(r)
	some props in r.blob_properties
	some p in props[policy]
	days := retention_days(p)
	days < min_days
	v := {
		"location": lib.attr_loc(p, "days"),
		"message": sprintf("storage account %q keeps deleted %ss for %d days, fewer than %d", [input.name, what, days, min_days]),
	}
}

# A delete retention policy block without days keeps 7 days.
retention_days(p) := p.days if is_number(p.days)

retention_days(p) := 7 if unset(p, "days")

holds_blobs(r) if {
	not r.account_kind == "FileStorage"
	not lib.unknown(r, "account_kind")
}

# METADATA
# title: Storage account blob versioning is disabled
# description: |
#   blob_properties.versioning_enabled is false, or not set (its default is false), on a
#   StorageV2 or BlockBlobStorage azurerm_storage_account: overwriting a blob destroys its
#   previous content, and point-in-time restore of containers cannot be enabled.
#   Accounts with a hierarchical namespace (is_hns_enabled), which do not support
#   versioning, are not reported.
# related_resources:
# - https://learn.microsoft.com/azure/storage/blobs/versioning-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#versioning_enabled
# custom:
#   id: TG-AZ-052
#   severity: low
#   category: backup
#   provider: azure
#   remediation: Set blob_properties { versioning_enabled = true } and add a lifecycle management rule that deletes old versions.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	versionable(r)
	v := versioning_off(r)
	msg := sprintf("storage account %q has blob versioning disabled (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

versionable(r) if {
	kind_supports_versioning(r)
	not on(r, "is_hns_enabled")
	not lib.unknown(r, "is_hns_enabled")
}

kind_supports_versioning(r) if unset(r, "account_kind")

kind_supports_versioning(r) if r.account_kind in {"StorageV2", "BlockBlobStorage"}

versioning_off(r) := {"location": lib.loc(r), "problem": "no blob_properties block"} if {
	no_block(r, "blob_properties")
} else := {"location": lib.attr_loc(props, "versioning_enabled"), "problem": problem} if {
	some props in r.blob_properties
	problem := flag_off(props, "versioning_enabled")
}

flag_off(obj, key) := sprintf("%s = false", [key]) if {
	lib.is_false(obj[key])
} else := sprintf("%s not set, default false", [key]) if {
	unset(obj, key)
}

# on(obj, key) holds when key is set to true. (`not lib.is_true(obj.key)` would not hold
# when key is absent: a call with an undefined argument is undefined, even negated.)
on(obj, key) if lib.is_true(obj[key])

no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null: the
# provider default applies.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
