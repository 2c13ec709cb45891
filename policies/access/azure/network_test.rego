package tollgate.access.azure.network_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.network
import rego.v1

path := "network/nsg.tf"

# resource "azurerm_network_security_group" "web" {   # line 1
#   name = "web-nsg"                                  # line 2
#   security_rule {                                   # line 3
#     name                       = "admin"            # line 4
#     priority                   = 100                # line 5
#     direction                  = "Inbound"          # line 6
#     access                     = "Allow"            # line 7
#     protocol                   = PROTOCOL           # line 8
#     source_address_prefix      = SOURCE             # line 9
#     destination_port_range     = PORTS              # line 10
#   }                                                 # line 11
# }                                                   # line 12
rule_lines := {
	"name": 4, "priority": 5, "direction": 6, "access": 7, "protocol": 8,
	"source_address_prefix": 9, "source_address_prefixes": 9,
	"destination_port_range": 10, "destination_port_ranges": 10,
}

base_rule := {"name": "admin", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp"}

nsg(rule) := fx.resource("azurerm_network_security_group", "web", fx.block(
	path, 1, 12, {
		"name": "web-nsg",
		"security_rule": [fx.block(path, 3, 11, object.union(base_rule, rule), rule_lines)],
	},
	{"name": 2},
))

fires(rule) if count(fx.ids(network.deny, "TG-AZ-005")) == 1 with input as nsg(rule)

test_tg_az_005_violation if {
	findings := network.deny with input as nsg({"source_address_prefix": "*", "destination_port_range": "22"})
	some f in findings
	f.rule_id == "TG-AZ-005"
	f.location == fx.loc(path, 9)
	f.message == `network security group "web" rule "admin" allows inbound SSH (port 22) from "*"`
}

test_tg_az_005_compliant if {
	findings := network.deny with input as nsg({"source_address_prefix": "10.0.0.0/8", "destination_port_range": "22"})
	count(fx.ids(findings, "TG-AZ-005")) == 0
}

test_tg_az_005_internet_tag_and_range_fire if {
	findings := network.deny with input as nsg({"source_address_prefix": "Internet", "destination_port_range": "20-3389"})
	some f in findings
	f.rule_id == "TG-AZ-005"
	f.message == `network security group "web" rule "admin" allows inbound RDP (port 3389) and SSH (port 22) from "Internet"`
}

test_tg_az_005_all_ports_and_prefix_lists_fire if {
	fires({"source_address_prefix": "0.0.0.0/0", "destination_port_range": "*"})
	fires({"source_address_prefixes": ["10.0.0.0/8", "0.0.0.0/0"], "destination_port_range": "3389"})
	fires({"source_address_prefix": "*", "destination_port_ranges": ["443", "3389"]})
	fires({"source_address_prefix": "*", "destination_port_range": 22, "protocol": "*"})
}

test_tg_az_005_other_rules_do_not_fire if {
	not fires({"source_address_prefix": "*", "destination_port_range": "443"})
	not fires({"source_address_prefix": "*", "destination_port_range": "22", "access": "Deny"})
	not fires({"source_address_prefix": "*", "destination_port_range": "22", "direction": "Outbound"})
	not fires({"source_address_prefix": "*", "destination_port_range": "22", "protocol": "Udp"})
	not fires({"source_address_prefix": "*", "destination_port_range": "23-3388"})
}

test_tg_az_005_admin_ports_parameter if {
	rule := {"source_address_prefix": "*", "destination_port_range": "5985-5986"}
	not fires(rule)
	findings := network.deny with input as nsg(rule) with data.config.params as {"admin_ports": [5986]}
	some f in findings
	f.message == `network security group "web" rule "admin" allows inbound port 5986 from "*"`
}

test_tg_az_005_unknown_does_not_fire if {
	body := fx.unknown(fx.block(path, 3, 11, object.union(base_rule, {"destination_port_range": "22"}), rule_lines), "source_address_prefix", 9)
	doc := fx.resource("azurerm_network_security_group", "web", fx.block(path, 1, 12, {"security_rule": [body]}, {}))
	count(fx.ids(network.deny, "TG-AZ-005")) == 0 with input as doc
}

# resource "azurerm_network_security_rule" "rdp" {     # line 20
#   name                        = "rdp"               # line 21
#   direction                   = "Inbound"           # line 22
#   access                      = "Allow"             # line 23
#   protocol                    = "*"                 # line 24
#   source_address_prefix       = "*"                 # line 25
#   destination_port_range      = "3389"              # line 26
#   network_security_group_name = azurerm_network_security_group.web.name   # line 27 (unknown)
# }                                                   # line 28
standalone(source) := fx.resource("azurerm_network_security_rule", "rdp", fx.unknown(
	fx.block(
		path, 20, 28, {
			"name": "rdp", "direction": "Inbound", "access": "Allow", "protocol": "*",
			"source_address_prefix": source, "destination_port_range": "3389",
		},
		{"name": 21, "direction": 22, "access": 23, "protocol": 24, "source_address_prefix": 25, "destination_port_range": 26},
	),
	"network_security_group_name", 27,
))

test_tg_az_005_standalone_rule_violation if {
	findings := network.deny with input as standalone("*")
	some f in findings
	f.rule_id == "TG-AZ-005"
	f.location == fx.loc(path, 25)
	f.message == `network security rule "rdp" allows inbound RDP (port 3389) from "*"`
}

test_tg_az_005_standalone_rule_compliant if {
	count(fx.ids(network.deny, "TG-AZ-005")) == 0 with input as standalone("VirtualNetwork")
}
