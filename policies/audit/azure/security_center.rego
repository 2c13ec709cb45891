package tollgate.audit.azure.security_center

import data.tollgate.lib
import rego.v1

# METADATA
# title: Microsoft Defender for Cloud plan is on the free tier
# description: |
#   An azurerm_security_center_subscription_pricing sets tier = "Free" for its
#   resource_type (VirtualMachines when not set): the Defender plan that detects threats
#   on those resources (malware, brute force, anomalous access, suspicious queries) is off,
#   and only the free posture recommendations remain.
# related_resources:
# - https://learn.microsoft.com/azure/defender-for-cloud/defender-for-cloud-introduction
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/security_center_subscription_pricing
# custom:
#   id: TG-AZ-077
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Set tier = "Standard" for the plans that cover your workloads (VirtualMachines, SqlServers, StorageAccounts, KeyVaults, Containers, Arm...).
#   frameworks:
#     nist-800-53: ["SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["11.5.1"]
deny contains finding if {
	input.type == "azurerm_security_center_subscription_pricing"
	r := input.resource
	r.tier == "Free"
	resource_type := object.get(r, "resource_type", "VirtualMachines")
	msg := sprintf("Defender for Cloud pricing %q leaves the %v plan on the free tier (no threat detection)", [input.name, resource_type])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "tier"), msg)
}
