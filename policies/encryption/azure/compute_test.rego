package tollgate.encryption.azure.compute_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.compute
import rego.v1

path := "vm/main.tf"

# resource "azurerm_windows_virtual_machine" "jump" {   # line 1
#   name                       = "jump"                # line 2
#   size                       = "Standard_D2s_v5"     # line 3
#   encryption_at_host_enabled = AT_HOST               # line 4
# }                                                    # line 5
vm_body(fields) := fx.block(path, 1, 5, object.union({"name": "jump", "size": "Standard_D2s_v5"}, fields), {"name": 2, "size": 3, "encryption_at_host_enabled": 4})

vm(fields) := fx.resource("azurerm_windows_virtual_machine", "jump", vm_body(fields))

test_tg_az_045_violation if {
	findings := compute.deny with input as vm({"encryption_at_host_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-045"
	f.location == fx.loc(path, 4)
	f.message == `virtual machine "jump" does not use encryption at host (encryption_at_host_enabled = false)`
}

test_tg_az_045_compliant if {
	count(fx.ids(compute.deny, "TG-AZ-045")) == 0 with input as vm({"encryption_at_host_enabled": true})
}

test_tg_az_045_default_fires if {
	findings := compute.deny with input as vm({})
	some f in findings
	f.rule_id == "TG-AZ-045"
	f.location == fx.span(path, 1, 5)
	f.message == `virtual machine "jump" does not use encryption at host (encryption_at_host_enabled not set, default false)`
}

test_tg_az_045_unknown_does_not_fire if {
	body := fx.unknown(vm_body({}), "encryption_at_host_enabled", 4)
	count(fx.ids(compute.deny, "TG-AZ-045")) == 0 with input as fx.resource("azurerm_windows_virtual_machine", "jump", body)
}

# resource "azurerm_kubernetes_cluster" "aks" {   # line 10
#   name = "aks"                                 # line 11
#   default_node_pool {                          # line 12
#     name                    = "system"         # line 13
#     host_encryption_enabled = HOST             # line 14
#   }                                            # line 15
# }                                              # line 16
aks(fields) := fx.resource("azurerm_kubernetes_cluster", "aks", fx.block(path, 10, 16, {
	"name": "aks",
	"default_node_pool": [fx.block(path, 12, 15, object.union({"name": "system"}, fields), {"name": 13, "host_encryption_enabled": 14, "enable_host_encryption": 14})],
}, {"name": 11}))

test_tg_az_179_violation if {
	findings := compute.deny with input as aks({"host_encryption_enabled": false})
	some f in findings
	f.rule_id == "TG-AZ-179"
	f.location == fx.loc(path, 14)
	f.message == `AKS cluster "aks" default node pool does not use encryption at host (host_encryption_enabled = false)`
	some g in compute.deny with input as aks({})
	g.rule_id == "TG-AZ-179"
	g.location == fx.span(path, 12, 15)
	pool := fx.resource("azurerm_kubernetes_cluster_node_pool", "user", fx.block(path, 1, 4, {"name": "user", "enable_host_encryption": "false"}, {"name": 2, "enable_host_encryption": 3}))
	some h in compute.deny with input as pool
	h.rule_id == "TG-AZ-179"
	h.message == `AKS node pool "user" does not use encryption at host (enable_host_encryption = false)`
}

test_tg_az_179_compliant if {
	count(fx.ids(compute.deny, "TG-AZ-179")) == 0 with input as aks({"host_encryption_enabled": true})
	count(fx.ids(compute.deny, "TG-AZ-179")) == 0 with input as aks({"enable_host_encryption": true})
	doc := aks({})
	pool := fx.unknown(doc.resource.default_node_pool[0], "host_encryption_enabled", 14)
	unknown := fx.resource("azurerm_kubernetes_cluster", "aks", fx.override(doc.resource, {"default_node_pool": [pool]}))
	count(fx.ids(compute.deny, "TG-AZ-179")) == 0 with input as unknown
}
