package tollgate.access.azure.roles

import data.tollgate.lib
import rego.v1

# Actions that let the holder create or change role definitions.
role_write_actions := {
	"*",
	"microsoft.authorization/*",
	"microsoft.authorization/*/write",
	"microsoft.authorization/roledefinitions/*",
	"microsoft.authorization/roledefinitions/write",
}

# METADATA
# title: Custom role grants every action or the power to write roles
# description: |
#   A permissions block of an azurerm_role_definition allows the action "*" (an owner-like
#   custom role), a wildcard action assignable at the root scope "/", or an action that
#   creates and changes role definitions (Microsoft.Authorization/roleDefinitions/write or
#   a wildcard over it): whoever holds the role can do anything, or grant themselves
#   anything, in its scope.
# related_resources:
# - https://learn.microsoft.com/azure/role-based-access-control/custom-roles
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/role_definition#actions
# custom:
#   id: TG-AZ-107
#   severity: high
#   category: access
#   provider: azure
#   remediation: List only the actions the role needs, leave role-definition writes to built-in Owner and User Access Administrator roles, and assign custom roles below the root scope.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-2"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type == "azurerm_role_definition"
	r := input.resource
	some p in r.permissions
	some action in p.actions
	is_string(action)
	problem := broad(r, action)
	msg := sprintf("Custom role %q allows %q (%s)", [input.name, action, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "actions"), msg)
}

broad(r, action) := "every action" if action == "*"

else := "role definition writes" if lower(action) in role_write_actions

else := "a wildcard action assignable at the root scope" if {
	contains(action, "*")
	"/" in r.assignable_scopes
}
