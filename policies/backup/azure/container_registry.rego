package tollgate.backup.azure.container_registry

import data.tollgate.lib
import rego.v1

# METADATA
# title: Container registry is not zone redundant
# description: |
#   zone_redundancy_enabled of an azurerm_container_registry, or of one of its
#   georeplications, is not true (the provider's default is false): the registry's images
#   in that region are kept in a single availability zone, and a zone outage makes them
#   unavailable, or loses them, there (Premium tier, regions with availability zones).
# related_resources:
# - https://learn.microsoft.com/azure/container-registry/zone-redundancy
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#zone_redundancy_enabled
# custom:
#   id: TG-AZ-191
#   severity: low
#   category: backup
#   provider: azure
#   remediation: Use the Premium SKU and set zone_redundancy_enabled = true on the registry and in each georeplications block (only possible when they are created).
#   frameworks:
#     nist-800-53: ["CP-6", "CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "azurerm_container_registry"
	r := input.resource
	some v in not_redundant(r)
	msg := sprintf("container registry %q is not zone redundant %s", [input.name, v.where])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

not_redundant(r) := {v |
	some obj in array.concat([{"body": r, "where": "in its home region"}], [{"body": g, "where": sprintf("in replica region %v", [object.get(g, "location", "?")])} | some g in object.get(r, "georeplications", [])])
	v := flag_off(obj.body, obj.where)
}

flag_off(body, where) := {"location": lib.attr_loc(body, "zone_redundancy_enabled"), "where": sprintf("%s (zone_redundancy_enabled = false)", [where])} if {
	lib.is_false(body.zone_redundancy_enabled)
}

flag_off(body, where) := {"location": lib.loc(body), "where": sprintf("%s (zone_redundancy_enabled unset, default false)", [where])} if {
	lib.missing(body, "zone_redundancy_enabled")
}
