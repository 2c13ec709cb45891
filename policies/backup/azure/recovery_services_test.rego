package tollgate.backup.azure.recovery_services_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.backup.azure.recovery_services as rs
import rego.v1

path := "backup/main.tf"

# resource "azurerm_recovery_services_vault" "main" {   # line 1
#   name                = "acme-vault"                 # line 2
#   sku                 = "Standard"                   # line 3
#   soft_delete_enabled = SOFT_DELETE                  # line 4
# }                                                    # line 5
vault(fields) := fx.resource("azurerm_recovery_services_vault", "main", fx.block(
	path, 1, 5,
	object.union({"name": "acme-vault", "sku": "Standard"}, fields),
	{"name": 2, "sku": 3, "soft_delete_enabled": 4},
))

test_tg_az_058_violation if {
	findings := rs.deny with input as vault({"soft_delete_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-058"
	f.location == fx.loc(path, 4)
	f.message == `Recovery Services vault "main" has soft delete disabled (soft_delete_enabled = false)`
}

test_tg_az_058_compliant if {
	count(fx.ids(rs.deny, "TG-AZ-058")) == 0 with input as vault({"soft_delete_enabled": true})
	count(fx.ids(rs.deny, "TG-AZ-058")) == 0 with input as vault({})
}

# resource "azurerm_data_protection_backup_vault" "disks" {   # line 10
#   name        = "acme-disks"                               # line 11
#   soft_delete = SOFT_DELETE                                # line 12
# }                                                          # line 13
data_protection_vault(mode) := fx.resource("azurerm_data_protection_backup_vault", "disks", fx.block(path, 10, 13, {"name": "acme-disks", "soft_delete": mode}, {"name": 11, "soft_delete": 12}))

test_tg_az_058_data_protection_vault if {
	findings := rs.deny with input as data_protection_vault("Off")
	some f in findings
	f.rule_id == "TG-AZ-058"
	f.location == fx.loc(path, 12)
	f.message == `backup vault "disks" has soft delete disabled (soft_delete = "Off")`
	count(fx.ids(rs.deny, "TG-AZ-058")) == 0 with input as data_protection_vault("AlwaysOn")
}

# resource "azurerm_backup_policy_vm" "daily" {   # line 20
#   name = "daily"                               # line 21
#   backup {                                     # line 22
#     frequency = "Daily"                        # line 23
#     time      = "23:00"                        # line 24
#   }                                            # line 25
#   retention_daily {                            # line 26
#     count = COUNT                              # line 27
#   }                                            # line 28
# }                                              # line 29
policy(type, count) := fx.resource(type, "daily", fx.block(
	path, 20, 29, {
		"name": "daily",
		"backup": [fx.block(path, 22, 25, {"frequency": "Daily", "time": "23:00"}, {"frequency": 23, "time": 24})],
		"retention_daily": [fx.block(path, 26, 28, {"count": count}, {"count": 27})],
	},
	{"name": 21},
))

test_tg_az_059_violation if {
	findings := rs.deny with input as policy("azurerm_backup_policy_vm", 3)
	some f in findings
	f.rule_id == "TG-AZ-059"
	f.location == fx.loc(path, 27)
	f.message == `VM backup policy "daily" keeps daily recovery points for 3 days, fewer than 7`
}

test_tg_az_059_compliant if {
	count(fx.ids(rs.deny, "TG-AZ-059")) == 0 with input as policy("azurerm_backup_policy_vm", 30)
}

test_tg_az_059_file_share_and_parameter if {
	count(fx.ids(rs.deny, "TG-AZ-059")) == 1 with input as policy("azurerm_backup_policy_file_share", 5)
	count(fx.ids(rs.deny, "TG-AZ-059")) == 1 with input as policy("azurerm_backup_policy_vm", 30) with data.config.params as {"min_backup_retention_days": 35}
}
