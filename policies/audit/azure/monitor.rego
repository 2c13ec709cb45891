package tollgate.audit.azure.monitor

import data.tollgate.lib
import rego.v1

# Activity logs exported by a log profile kept for fewer days than this fail.
min_activity_log_days := 365

# METADATA
# title: Activity log profile keeps logs less than a year
# description: |
#   The retention_policy of an azurerm_monitor_log_profile is enabled with days between 1
#   and 364: the subscription's activity log (who created, changed or deleted which
#   resource, role assignments, policy changes) is deleted from the archive before a year,
#   often before a breach is discovered and investigated. days = 0 and a disabled retention
#   policy keep the records forever and are accepted. A profile without retention_policy is
#   reported too.
# related_resources:
# - https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_log_profile#retention_policy
# custom:
#   id: TG-AZ-096
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Set retention_policy { enabled = true, days = 365 } (or more), or export the activity log with a diagnostic setting to a workspace or storage account that keeps it at least a year.
#   frameworks:
#     nist-800-53: ["AU-11"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.5.1"]
deny contains finding if {
	input.type == "azurerm_monitor_log_profile"
	some v in short_retention
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

short_retention contains v if {
	some policy in input.resource.retention_policy
	lib.is_true(policy.enabled)
	is_number(policy.days)
	policy.days > 0
	policy.days < min_activity_log_days
	v := {
		"location": lib.attr_loc(policy, "days"),
		"message": sprintf("Log profile %q keeps the activity log %d days, less than %d", [input.name, policy.days, min_activity_log_days]),
	}
}

short_retention contains v if {
	r := input.resource
	no_block(r, "retention_policy")
	v := {
		"location": lib.loc(r),
		"message": sprintf("Log profile %q has no retention_policy for the activity log", [input.name]),
	}
}

no_block(r, key) if lib.missing(r, key)

no_block(r, key) if r[key] == []

required_categories := {"Action", "Delete", "Write"}

# METADATA
# title: Activity log profile does not capture every category
# description: |
#   The categories of an azurerm_monitor_log_profile do not include all of Write, Delete and
#   Action: resource creations and changes, deletions, or operations such as key listing
#   and restarts are left out of the exported activity log.
# related_resources:
# - https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_log_profile#categories
# custom:
#   id: TG-AZ-097
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Set categories = ["Action", "Delete", "Write"].
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_monitor_log_profile"
	r := input.resource
	not lib.unknown(r, "categories")
	given := {c | some c in object.get(r, "categories", [])}
	missing := required_categories - given
	count(missing) > 0
	msg := sprintf("Log profile %q does not capture the activity categories %s", [input.name, concat(", ", sort(missing))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "categories"), msg)
}

# Every Azure location an activity log event can carry: "global" (subscription-wide
# operations) and the public regions.
required_locations := {
	"global",
	"australiacentral", "australiacentral2", "australiaeast", "australiasoutheast",
	"brazilsouth", "brazilsoutheast",
	"canadacentral", "canadaeast",
	"centralindia", "southindia", "westindia", "jioindiacentral", "jioindiawest",
	"centralus", "eastus", "eastus2", "northcentralus", "southcentralus", "westcentralus", "westus", "westus2", "westus3",
	"eastasia", "southeastasia",
	"francecentral", "francesouth",
	"germanynorth", "germanywestcentral",
	"japaneast", "japanwest",
	"koreacentral", "koreasouth",
	"northeurope", "westeurope",
	"norwayeast", "norwaywest",
	"southafricanorth", "southafricawest",
	"swedencentral", "swedensouth",
	"switzerlandnorth", "switzerlandwest",
	"uaecentral", "uaenorth",
	"uksouth", "ukwest",
	"asia", "asiapacific", "australia", "brazil", "canada", "europe", "india", "japan", "uk", "unitedstates",
	"centraluseuap", "eastus2euap",
	"centralusstage", "eastusstage", "eastus2stage", "northcentralusstage", "southcentralusstage",
	"westusstage", "westus2stage", "eastasiastage", "southeastasiastage",
}

# METADATA
# title: Activity log profile does not cover every location
# description: |
#   The locations of an azurerm_monitor_log_profile leave out "global" or some Azure
#   regions: activity log events of resources in those regions (or of subscription-wide
#   operations, for "global") are not exported, so changes made there leave no record.
# related_resources:
# - https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_log_profile#locations
# custom:
#   id: TG-AZ-098
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: List "global" and every region in locations (for example from the azurerm_locations data source), or replace the log profile with a subscription diagnostic setting, which covers every location.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_monitor_log_profile"
	r := input.resource
	not lib.unknown(r, "locations")
	given := {lower(l) | some l in object.get(r, "locations", []); is_string(l)}
	missing := required_locations - given
	count(missing) > 0
	msg := sprintf("Log profile %q does not export the activity log of %s", [input.name, describe(missing)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "locations"), msg)
}

describe(missing) := sprintf("location %s", [concat(", ", sort(missing))]) if count(missing) <= 5

describe(missing) := sprintf("%d locations (%s...)", [count(missing), concat(", ", array.slice(sort(missing), 0, 5))]) if count(missing) > 5
