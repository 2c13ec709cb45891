package tollgate.access.azure.roles_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.roles
import rego.v1

path := "iam/roles.tf"

# resource "azurerm_role_definition" "ops" {       # line 1
#   name              = "ops"                     # line 2
#   scope             = SCOPE                     # line 3
#   assignable_scopes = SCOPES                    # line 4
#   permissions {                                 # line 5
#     actions = ACTIONS                           # line 6
#   }                                             # line 7
# }                                               # line 8
role(scopes, actions) := fx.resource("azurerm_role_definition", "ops", fx.block(path, 1, 8, {
	"name": "ops",
	"scope": "/subscriptions/0000",
	"assignable_scopes": scopes,
	"permissions": [fx.block(path, 5, 7, {"actions": actions}, {"actions": 6})],
}, {"name": 2, "scope": 3, "assignable_scopes": 4}))

sub := ["/subscriptions/0000"]

test_tg_az_107_violation if {
	findings := roles.deny with input as role(sub, ["*"])
	some f in findings
	f.rule_id == "TG-AZ-107"
	f.location == fx.loc(path, 6)
	f.message == `Custom role "ops" allows "*" (every action)`
	some g in roles.deny with input as role(sub, ["Microsoft.Compute/*/read", "Microsoft.Authorization/roleDefinitions/write"])
	g.message == `Custom role "ops" allows "Microsoft.Authorization/roleDefinitions/write" (role definition writes)`
	some h in roles.deny with input as role(["/"], ["Microsoft.Compute/*"])
	h.message == `Custom role "ops" allows "Microsoft.Compute/*" (a wildcard action assignable at the root scope)`
}

test_tg_az_107_compliant if {
	count(roles.deny) == 0 with input as role(sub, ["Microsoft.Compute/*/read", "Microsoft.Compute/virtualMachines/start/action"])
	count(roles.deny) == 0 with input as role(sub, ["Microsoft.Compute/*"])
}
