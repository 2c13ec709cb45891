package tollgate.access.azure.network_exposure

import data.tollgate.lib
import rego.v1

# Address prefixes that mean "any address" in a network security rule.
any_address := {"*", "0.0.0.0", "0.0.0.0/0", "::/0", "internet", "any"}

source_keys := ["source_address_prefix", "source_address_prefixes"]

destination_keys := ["destination_address_prefix", "destination_address_prefixes"]

# METADATA
# title: Network security rule allows inbound traffic from any address
# description: |
#   An inbound Allow rule of an azurerm_network_security_group (security_rule block) or an
#   azurerm_network_security_rule has the source "*", "Internet", "Any", 0.0.0.0/0 or ::/0:
#   whatever listens on the destination ports is reachable from the whole internet, on any
#   port, not only the administration ports TG-AZ-005 reports.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule#source_address_prefix
# custom:
#   id: TG-AZ-103
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Restrict source_address_prefix(es) to the networks that need the service, or put a load balancer, Application Gateway or Front Door (with WAF) in front of public services.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"azurerm_network_security_group", "azurerm_network_security_rule"}
	some rule in rules
	v := open_rule(rule.body, "inbound", source_keys, rule.subject, "from")
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# METADATA
# title: Network security rule allows outbound traffic to any address
# description: |
#   An outbound Allow rule of an azurerm_network_security_group (security_rule block) or an
#   azurerm_network_security_rule has the destination "*", "Internet", "Any", 0.0.0.0/0 or
#   ::/0: a compromised machine can send data to, or fetch tools from, any host on the
#   internet. Egress should be limited to the services the workload needs.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule#destination_address_prefix
# custom:
#   id: TG-AZ-104
#   severity: low
#   category: access
#   provider: azure
#   remediation: Restrict destination_address_prefix(es) to the networks or service tags (Storage, AzureKeyVault...) the workload needs, and route other egress through Azure Firewall.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"azurerm_network_security_group", "azurerm_network_security_rule"}
	some rule in rules
	v := open_rule(rule.body, "outbound", destination_keys, rule.subject, "to")
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

rules contains {"body": rule, "subject": sprintf("network security group %q rule %q", [input.name, object.get(rule, "name", "")])} if {
	input.type == "azurerm_network_security_group"
	some rule in input.resource.security_rule
}

rules contains {"body": input.resource, "subject": sprintf("network security rule %q", [input.name])} if {
	input.type == "azurerm_network_security_rule"
}

open_rule(rule, direction, keys, subject, preposition) := {"location": lib.attr_loc(rule, key), "message": msg} if {
	lower_str(rule.direction) == direction
	lower_str(rule.access) == "allow"
	some key in keys
	open := [a | some a in as_list(rule[key]); lower_str(a) in any_address]
	count(open) > 0
	msg := sprintf("%s allows %s traffic %s any address (%s = %s)", [subject, direction, preposition, key, concat(", ", [sprintf("%q", [a]) | some a in open])])
}

lower_str(x) := lower(x) if is_string(x)

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

# METADATA
# title: Network interface forwards IP traffic
# description: |
#   ip_forwarding_enabled (azurerm v4) or enable_ip_forwarding (v3) is true on an
#   azurerm_network_interface: the virtual machine may receive and send traffic for
#   addresses that are not its own, and can route around network security rules. Only
#   network virtual appliances (firewalls, routers) need it.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-network/virtual-network-network-interface#enable-or-disable-ip-forwarding
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_interface#ip_forwarding_enabled
# custom:
#   id: TG-AZ-105
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Remove ip_forwarding_enabled (or set it false) on every interface that is not a network virtual appliance's.
#   frameworks:
#     nist-800-53: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "azurerm_network_interface"
	r := input.resource
	some key in ["ip_forwarding_enabled", "enable_ip_forwarding"]
	lib.is_true(r[key])
	msg := sprintf("Network interface %q forwards IP traffic (%s = true)", [input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}

# METADATA
# title: Storage account firewall blocks trusted Azure services
# description: |
#   The network rules of an azurerm_storage_account (network_rules block) or an
#   azurerm_storage_account_network_rules deny by default and set bypass without
#   "AzureServices": Azure Backup, Azure Monitor diagnostic settings, Defender for Cloud and
#   other trusted services can no longer write logs and backups to the account, and
#   administrators are pushed to open the firewall to everyone instead. An unset bypass is
#   AzureServices.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-to-trusted-azure-services
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#bypass
# custom:
#   id: TG-AZ-106
#   severity: low
#   category: access
#   provider: azure
#   remediation: Add "AzureServices" to bypass (bypass = ["AzureServices", "Logging", "Metrics"]).
#   frameworks:
#     cis-azure-2.0: ["3.9"]
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"azurerm_storage_account", "azurerm_storage_account_network_rules"}
	some nr in network_rules
	lower_str(nr.default_action) == "deny"
	not lib.unknown(nr, "bypass")
	is_array(nr.bypass)
	not "azureservices" in {lower_str(b) | some b in nr.bypass}
	msg := sprintf("storage account %q network rules do not let trusted Azure services through (bypass = [%s])", [input.name, concat(", ", [sprintf("%q", [b]) | some b in nr.bypass])])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(nr, "bypass"), msg)
}

network_rules contains nr if {
	input.type == "azurerm_storage_account"
	some nr in input.resource.network_rules
}

network_rules contains input.resource if input.type == "azurerm_storage_account_network_rules"

# METADATA
# title: Network interface has a public IP address
# description: |
#   An ip_configuration of an azurerm_network_interface sets public_ip_address_id (a literal
#   resource id, or a reference to an azurerm_public_ip of the configuration): the virtual
#   machine behind the interface is directly addressable from the internet, and only its
#   network security rules stand between its open ports and every scanner. Reported on the
#   interface's attribute; when the address is a reference, the finding belongs to the
#   azurerm_public_ip it names.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses
# - https://learn.microsoft.com/azure/bastion/bastion-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_interface#public_ip_address_id
# custom:
#   id: TG-AZ-123
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Remove public_ip_address_id and publish the workload through a load balancer, Application Gateway or Front Door; reach machines for administration through Azure Bastion.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"azurerm_network_interface", "azurerm_public_ip"}
	some v in public_interfaces
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

public_interfaces contains {"location": lib.attr_loc(ipc, "public_ip_address_id"), "message": msg} if {
	input.type == "azurerm_network_interface"
	some ipc in input.resource.ip_configuration
	is_string(ipc.public_ip_address_id)
	ipc.public_ip_address_id != ""
	msg := sprintf("Network interface %q has a public IP address (ip_configuration %q)", [input.name, object.get(ipc, "name", "")])
}

public_interfaces contains {"location": lib.attr_loc(ipc, "public_ip_address_id"), "message": msg} if {
	input.type == "azurerm_public_ip"
	some nic in object.get(input, ["related", "azurerm_network_interface"], [])
	some ipc in nic.ip_configuration
	lib.unknown(ipc, "public_ip_address_id")
	msg := sprintf("Public IP address %q is attached to network interface %q (ip_configuration %q)", [input.name, object.get(nic, "name", ""), object.get(ipc, "name", "")])
}

vm_types := ["azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine"]

# METADATA
# title: Virtual machine network interface has no network security group
# description: |
#   An azurerm_network_interface used by a virtual machine (azurerm_linux_virtual_machine,
#   azurerm_windows_virtual_machine, azurerm_virtual_machine) has no network security group
#   of its own: no azurerm_network_interface_security_group_association refers to it and it
#   sets no network_security_group_id (azurerm v1). Traffic to the machine is then filtered
#   at most by its subnet's security group, which other workloads share and change, and
#   not at all when the subnet has none.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_interface_security_group_association
# custom:
#   id: TG-AZ-124
#   severity: low
#   category: access
#   provider: azure
#   remediation: Associate a network security group that allows only the machine's required ports with azurerm_network_interface_security_group_association.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_network_interface"
	r := input.resource
	some vm_type in vm_types
	count(object.get(input, ["related", vm_type], [])) > 0
	not input.related_unknown
	count(object.get(input, ["related", "azurerm_network_interface_security_group_association"], [])) == 0
	lib.missing(r, "network_security_group_id")
	msg := sprintf("Network interface %q of a virtual machine has no network security group", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
