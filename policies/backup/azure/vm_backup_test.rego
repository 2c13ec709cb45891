package tollgate.backup.azure.vm_backup_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.backup.azure.vm_backup
import rego.v1

vm := fx.resource("azurerm_linux_virtual_machine", "app", fx.block("vm/main.tf", 1, 6, {"name": "app"}, {"name": 2}))

test_tg_az_204_violation if {
	findings := vm_backup.deny with input as vm
	some f in findings
	f.rule_id == "TG-AZ-204"
	f.location == fx.span("vm/main.tf", 1, 6)
	f.message == `virtual machine "app" is not backed up (no azurerm_backup_protected_vm refers to it)`
}

test_tg_az_204_compliant if {
	protected := fx.block("vm/backup.tf", 1, 5, {"backup_policy_id": "x"}, {"backup_policy_id": 3})
	count(fx.ids(vm_backup.deny, "TG-AZ-204")) == 0 with input as fx.related(vm, {"azurerm_backup_protected_vm": [protected]})
}
