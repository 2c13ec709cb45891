package tollgate.encryption.azure.compute

import data.tollgate.lib
import rego.v1

kinds := {
	"azurerm_linux_virtual_machine": "virtual machine",
	"azurerm_windows_virtual_machine": "virtual machine",
	"azurerm_linux_virtual_machine_scale_set": "virtual machine scale set",
	"azurerm_windows_virtual_machine_scale_set": "virtual machine scale set",
	"azurerm_orchestrated_virtual_machine_scale_set": "virtual machine scale set",
}

# METADATA
# title: Virtual machine does not use encryption at host
# description: |
#   encryption_at_host_enabled is false, or not set (its default is false), on a Linux or
#   Windows virtual machine or scale set: the temporary disk and the disk caches on the
#   host are not encrypted, and the data of the managed disks flows unencrypted from the
#   host to the storage service (server-side encryption only covers data at rest in the
#   storage service).
# related_resources:
# - https://learn.microsoft.com/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_virtual_machine#encryption_at_host_enabled
# custom:
#   id: TG-AZ-045
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Register the EncryptionAtHost feature on the subscription and set encryption_at_host_enabled = true.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {
		"azurerm_linux_virtual_machine",
		"azurerm_linux_virtual_machine_scale_set",
		"azurerm_orchestrated_virtual_machine_scale_set",
		"azurerm_windows_virtual_machine",
		"azurerm_windows_virtual_machine_scale_set",
	}
	r := input.resource
	problem := host_encryption_off(r)
	msg := sprintf("%s %q does not use encryption at host (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "encryption_at_host_enabled"), msg)
}

host_encryption_off(r) := "encryption_at_host_enabled = false" if {
	lib.is_false(r.encryption_at_host_enabled)
} else := "encryption_at_host_enabled not set, default false" if {
	lib.missing(r, "encryption_at_host_enabled")
} else := "encryption_at_host_enabled not set, default false" if {
	r.encryption_at_host_enabled == null
}

host_encryption_keys := ["host_encryption_enabled", "enable_host_encryption"]

# METADATA
# title: AKS node pool does not use encryption at host
# description: |
#   The default_node_pool of an azurerm_kubernetes_cluster, or an
#   azurerm_kubernetes_cluster_node_pool, does not set host_encryption_enabled (azurerm v4;
#   enable_host_encryption in v3) to true, and its default is false: the nodes' temporary
#   disks and OS/data disk caches are not encrypted on the host, and disk data travels
#   unencrypted from the host to the storage service.
# related_resources:
# - https://learn.microsoft.com/azure/aks/enable-host-encryption
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#host_encryption_enabled
# custom:
#   id: TG-AZ-179
#   severity: low
#   category: encryption
#   provider: azure
#   remediation: Register the EncryptionAtHost feature on the subscription and set host_encryption_enabled = true on every node pool (it can only be chosen when the pool is created).
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool"}
	some pool in node_pools
	v := pool_host_encryption_off(pool.body)
	msg := sprintf("AKS %s does not use encryption at host (%s)", [pool.label, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

node_pools contains {"body": p, "label": sprintf("cluster %q default node pool", [input.name])} if {
	input.type == "azurerm_kubernetes_cluster"
	some p in input.resource.default_node_pool
}

node_pools contains {"body": input.resource, "label": sprintf("node pool %q", [input.name])} if {
	input.type == "azurerm_kubernetes_cluster_node_pool"
}

pool_host_encryption_off(p) := {"location": lib.attr_loc(p, key), "problem": sprintf("%s = false", [key])} if {
	key := [k | some k in host_encryption_keys; lib.is_false(p[k])][0]
	not host_encryption_on(p)
}

pool_host_encryption_off(p) := {"location": lib.loc(p), "problem": "host_encryption_enabled not set, default false"} if {
	every key in host_encryption_keys {
		lib.missing(p, key)
	}
}

host_encryption_on(p) if {
	some key in host_encryption_keys
	lib.is_true(p[key])
}
