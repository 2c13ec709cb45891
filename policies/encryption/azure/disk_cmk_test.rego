package tollgate.encryption.azure.disk_cmk_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.disk_cmk
import rego.v1

path := "compute/disk.tf"

disk(fields) := fx.resource("azurerm_managed_disk", "data", fx.block(path, 1, 9, object.union({"name": "data", "create_option": "Empty"}, fields), {"name": 2}))

test_tg_az_227_violation if {
	findings := disk_cmk.deny with input as disk({})
	some f in findings
	f.rule_id == "TG-AZ-227"
	f.location == fx.span(path, 1, 9)
	f.message == `Managed disk "data" is not encrypted with a customer-managed key (no disk_encryption_set_id)`
	ade := disk({"encryption_settings": [fx.block(path, 4, 8, {"enabled": true}, {})]})
	count(fx.ids(disk_cmk.deny, "TG-AZ-227")) == 1 with input as ade
}

test_tg_az_227_compliant if {
	des := disk({"disk_encryption_set_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des"})
	count(fx.ids(disk_cmk.deny, "TG-AZ-227")) == 0 with input as des
	ref := fx.resource("azurerm_managed_disk", "data", fx.unknown(fx.block(path, 1, 9, {"name": "data"}, {}), "disk_encryption_set_id", 4))
	count(fx.ids(disk_cmk.deny, "TG-AZ-227")) == 0 with input as ref
	confidential := disk({"security_type": "ConfidentialVM_DiskEncryptedWithCustomerKey", "secure_vm_disk_encryption_set_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/cvm"})
	count(fx.ids(disk_cmk.deny, "TG-AZ-227")) == 0 with input as confidential
}
