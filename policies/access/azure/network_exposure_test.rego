package tollgate.access.azure.network_exposure_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.network_exposure
import rego.v1

path := "net/nsg.tf"

# resource "azurerm_network_security_rule" "web" {   # line 1
#   name                       = "web"             # line 2
#   direction                  = DIRECTION         # line 3
#   access                     = ACCESS            # line 4
#   protocol                   = "Tcp"             # line 5
#   source_address_prefix      = SOURCE            # line 6
#   destination_address_prefix = DESTINATION       # line 7
#   destination_port_range     = "443"             # line 8
# }                                                # line 9
lines := {"name": 2, "direction": 3, "access": 4, "protocol": 5, "source_address_prefix": 6, "source_address_prefixes": 6, "destination_address_prefix": 7, "destination_address_prefixes": 7, "destination_port_range": 8}

rule_body(fields) := fx.block(path, 1, 9, object.union({"name": "web", "protocol": "Tcp", "destination_port_range": "443"}, fields), lines)

rule(fields) := fx.resource("azurerm_network_security_rule", "web", rule_body(fields))

inbound := {"direction": "Inbound", "access": "Allow", "source_address_prefix": "10.0.0.0/8", "destination_address_prefix": "*"}

outbound := {"direction": "Outbound", "access": "Allow", "source_address_prefix": "*", "destination_address_prefix": "10.0.0.0/8"}

test_compliant_rules_have_no_findings if {
	count(network_exposure.deny) == 0 with input as rule(inbound)
	count(network_exposure.deny) == 0 with input as rule(outbound)
}

test_tg_az_103_violation if {
	findings := network_exposure.deny with input as rule(fx.override(inbound, {"source_address_prefix": "Internet"}))
	some f in findings
	f.rule_id == "TG-AZ-103"
	f.location == fx.loc(path, 6)
	f.message == `network security rule "web" allows inbound traffic from any address (source_address_prefix = "Internet")`
	group := fx.resource("azurerm_network_security_group", "nsg", fx.block(path, 1, 12, {"security_rule": [rule_body(fx.override(inbound, {"source_address_prefixes": ["10.0.0.0/8", "0.0.0.0/0"]}))]}, {}))
	some g in network_exposure.deny with input as group
	g.rule_id == "TG-AZ-103"
	g.message == `network security group "nsg" rule "web" allows inbound traffic from any address (source_address_prefixes = "0.0.0.0/0")`
}

test_tg_az_103_compliant if {
	count(fx.ids(network_exposure.deny, "TG-AZ-103")) == 0 with input as rule(fx.override(inbound, {"source_address_prefix": "*", "access": "Deny"}))
	count(fx.ids(network_exposure.deny, "TG-AZ-103")) == 0 with input as rule(fx.override(inbound, {"source_address_prefix": "203.0.113.0/24"}))
}

test_tg_az_104_violation if {
	findings := network_exposure.deny with input as rule(fx.override(outbound, {"destination_address_prefix": "*"}))
	some f in findings
	f.rule_id == "TG-AZ-104"
	f.location == fx.loc(path, 7)
	f.message == `network security rule "web" allows outbound traffic to any address (destination_address_prefix = "*")`
}

test_tg_az_104_compliant if {
	count(fx.ids(network_exposure.deny, "TG-AZ-104")) == 0 with input as rule(fx.override(outbound, {"destination_address_prefix": "Storage"}))
	count(fx.ids(network_exposure.deny, "TG-AZ-104")) == 0 with input as rule(inbound)
}

nic(fields) := fx.resource("azurerm_network_interface", "vm", fx.block(path, 1, 4, object.union({"name": "vm-nic"}, fields), {"name": 2, "ip_forwarding_enabled": 3, "enable_ip_forwarding": 3}))

test_tg_az_105_violation if {
	findings := network_exposure.deny with input as nic({"enable_ip_forwarding": true})
	some f in findings
	f.rule_id == "TG-AZ-105"
	f.location == fx.loc(path, 3)
	f.message == `Network interface "vm" forwards IP traffic (enable_ip_forwarding = true)`
}

test_tg_az_105_compliant if {
	count(fx.ids(network_exposure.deny, "TG-AZ-105")) == 0 with input as nic({"ip_forwarding_enabled": false})
	count(fx.ids(network_exposure.deny, "TG-AZ-105")) == 0 with input as nic({})
}

# resource "azurerm_storage_account" "data" {   # line 1
#   name = "acmedata"                          # line 2
#   network_rules {                            # line 3
#     default_action = ACTION                  # line 4
#     bypass         = BYPASS                  # line 5
#   }                                          # line 6
# }                                            # line 7
account(fields) := fx.resource("azurerm_storage_account", "data", fx.block(path, 1, 7, {"name": "acmedata", "network_rules": [fx.block(path, 3, 6, fields, {"default_action": 4, "bypass": 5})]}, {"name": 2}))

test_tg_az_106_violation if {
	findings := network_exposure.deny with input as account({"default_action": "Deny", "bypass": ["Logging"]})
	some f in findings
	f.rule_id == "TG-AZ-106"
	f.location == fx.loc(path, 5)
	f.message == `storage account "data" network rules do not let trusted Azure services through (bypass = ["Logging"])`
	standalone := fx.resource("azurerm_storage_account_network_rules", "data", fx.block(path, 1, 4, {"default_action": "Deny", "bypass": ["None"]}, {"default_action": 2, "bypass": 3}))
	some g in network_exposure.deny with input as standalone
	g.rule_id == "TG-AZ-106"
	g.location == fx.loc(path, 3)
}

test_tg_az_106_compliant if {
	count(fx.ids(network_exposure.deny, "TG-AZ-106")) == 0 with input as account({"default_action": "Deny", "bypass": ["AzureServices", "Logging"]})
	count(fx.ids(network_exposure.deny, "TG-AZ-106")) == 0 with input as account({"default_action": "Deny"})
	count(fx.ids(network_exposure.deny, "TG-AZ-106")) == 0 with input as account({"default_action": "Allow", "bypass": ["None"]})
	unknown := fx.block(path, 3, 6, {"default_action": "Deny"}, {"default_action": 4})
	count(fx.ids(network_exposure.deny, "TG-AZ-106")) == 0 with input as fx.resource("azurerm_storage_account", "data", fx.block(path, 1, 7, {"network_rules": [fx.unknown(object.union(unknown, {"bypass": []}), "bypass", 5)]}, {}))
}

# resource "azurerm_network_interface" "vm" {   # line 10
#   name = "vm-nic"                            # line 11
#   ip_configuration {                         # line 12
#     name                 = "primary"         # line 13
#     public_ip_address_id = PIP               # line 14
#   }                                          # line 15
# }                                            # line 16
ipconf(fields) := fx.block(path, 12, 15, object.union({"name": "primary"}, fields), {"name": 13, "public_ip_address_id": 14})

nic_body(ipc) := fx.block(path, 10, 16, {"name": "vm-nic", "ip_configuration": [ipc]}, {"name": 11})

test_tg_az_123_violation if {
	pip := "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/vm-pip"
	findings := network_exposure.deny with input as fx.resource("azurerm_network_interface", "vm", nic_body(ipconf({"public_ip_address_id": pip})))
	some f in findings
	f.rule_id == "TG-AZ-123"
	f.location == fx.loc(path, 14)
	f.message == `Network interface "vm" has a public IP address (ip_configuration "primary")`
}

test_tg_az_123_referenced_public_ip_fires if {
	nic_ref := nic_body(fx.unknown(ipconf({"public_ip_address_id": "x"}), "public_ip_address_id", 14))
	pip := fx.resource("azurerm_public_ip", "vm", fx.block("net/pip.tf", 1, 5, {"name": "vm-pip", "allocation_method": "Static"}, {"name": 2, "allocation_method": 3}))
	findings := network_exposure.deny with input as fx.related(pip, {"azurerm_network_interface": [nic_ref]})
	some f in findings
	f.rule_id == "TG-AZ-123"
	f.location == fx.loc(path, 14)
	f.message == `Public IP address "vm" is attached to network interface "vm-nic" (ip_configuration "primary")`
}

test_tg_az_123_compliant if {
	count(fx.ids(network_exposure.deny, "TG-AZ-123")) == 0 with input as fx.resource("azurerm_network_interface", "vm", nic_body(ipconf({})))
	nic_ref := nic_body(fx.unknown(ipconf({}), "subnet_id", 13))
	pip := fx.resource("azurerm_public_ip", "lb", fx.block("net/pip.tf", 1, 5, {"name": "lb-pip"}, {"name": 2}))
	count(fx.ids(network_exposure.deny, "TG-AZ-123")) == 0 with input as fx.related(pip, {"azurerm_network_interface": [nic_ref]})
}

vm_ref := fx.block("vm/main.tf", 1, 9, {"name": "app", "size": "Standard_B2s"}, {"name": 2, "size": 3})

nsg_assoc := fx.block("net/nsg.tf", 20, 23, {}, {})

test_tg_az_124_violation if {
	doc := fx.related(fx.resource("azurerm_network_interface", "vm", nic_body(ipconf({}))), {"azurerm_linux_virtual_machine": [vm_ref]})
	findings := network_exposure.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-124"
	f.location == fx.span(path, 10, 16)
	f.message == `Network interface "vm" of a virtual machine has no network security group`
}

test_tg_az_124_compliant if {
	base := fx.resource("azurerm_network_interface", "vm", nic_body(ipconf({})))
	count(fx.ids(network_exposure.deny, "TG-AZ-124")) == 0 with input as fx.related(base, {"azurerm_linux_virtual_machine": [vm_ref], "azurerm_network_interface_security_group_association": [nsg_assoc]})
	count(fx.ids(network_exposure.deny, "TG-AZ-124")) == 0 with input as base
	legacy := fx.resource("azurerm_network_interface", "vm", fx.unknown(nic_body(ipconf({})), "network_security_group_id", 11))
	count(fx.ids(network_exposure.deny, "TG-AZ-124")) == 0 with input as fx.related(legacy, {"azurerm_virtual_machine": [vm_ref]})
}
