package tollgate.access.azure.network_more_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.network_more
import rego.v1

path := "network/main.tf"

plan(doc) := object.union(doc, {"related_unknown": true})

fw_rule(start, end) := fx.resource("azurerm_postgresql_flexible_server_firewall_rule", "r", fx.block(
	path, 1, 5,
	{"name": "r", "start_ip_address": start, "end_ip_address": end},
	{"name": 2, "start_ip_address": 3, "end_ip_address": 4},
))

test_tg_az_232_violation if {
	findings := network_more.deny with input as fw_rule("0.0.0.0", "10.0.0.255")
	some f in findings
	f.rule_id == "TG-AZ-232"
	f.location == fx.loc(path, 3)
	f.message == `database firewall rule "r" spans public internet addresses (0.0.0.0 - 10.0.0.255)`
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 1 with input as fw_rule("10.0.0.0", "255.255.255.255")
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 1 with input as fw_rule("172.16.0.0", "192.168.255.255")
}

test_tg_az_232_compliant if {
	# Azure services, the whole internet and public ends are other rules' findings.
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 0 with input as fw_rule("0.0.0.0", "0.0.0.0")
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 0 with input as fw_rule("0.0.0.0", "255.255.255.255")
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 0 with input as fw_rule("10.0.0.0", "203.0.113.9")
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 0 with input as fw_rule("10.0.0.0", "10.255.255.255")
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 0 with input as fw_rule("240.0.0.0", "255.255.255.255")
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 0 with input as fw_rule("0.0.0.0", "0.0.0.9")
	count(fx.ids(network_more.deny, "TG-AZ-232")) == 0 with input as fw_rule("198.51.100.7", "198.51.100.7")
}

subnet(fields) := fx.resource("azurerm_subnet", "app", fx.block(path, 10, 16, object.union({"name": "app"}, fields), {"name": 11, "delegation": 12}))

association := fx.block("network/nsg.tf", 1, 4, {}, {})

test_tg_az_233_violation if {
	findings := network_more.deny with input as subnet({})
	some f in findings
	f.rule_id == "TG-AZ-233"
	f.location == fx.span(path, 10, 16)
	f.message == `Subnet "app" has no network security group`
	other_delegation := subnet({"delegation": [fx.block(path, 12, 15, {"name": "d", "service_delegation": [fx.block(path, 13, 14, {"name": "Microsoft.Web/serverFarms"}, {})]}, {})]})
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 1 with input as other_delegation
}

test_tg_az_233_compliant if {
	with_nsg := fx.related(subnet({}), {"azurerm_subnet_network_security_group_association": [association]})
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 0 with input as with_nsg
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 0 with input as subnet({"name": "GatewaySubnet"})
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 0 with input as subnet({"name": "AzureFirewallSubnet"})
	netapp := subnet({"delegation": [fx.block(path, 12, 15, {"name": "d", "service_delegation": [fx.block(path, 13, 14, {"name": "Microsoft.Netapp/volumes"}, {})]}, {})]})
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 0 with input as netapp
	inline := subnet({"network_security_group_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg"})
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 0 with input as inline
	write_only := fx.resource("azurerm_subnet", "app", fx.unknown(fx.block(path, 10, 16, {"name": "app"}, {"name": 11}), "network_security_group_id_wo", 12))
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 0 with input as write_only
	unknown_name := fx.resource("azurerm_subnet", "app", fx.unknown(fx.block(path, 10, 16, {"name": "app"}, {"name": 11}), "name", 11))
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 0 with input as unknown_name
	# A plan names no references: whether an association refers to the subnet is unknown.
	count(fx.ids(network_more.deny, "TG-AZ-233")) == 0 with input as plan(subnet({}))
}

spring(fields) := fx.resource("azurerm_spring_cloud_service", "apps", fx.block(path, 20, 30, object.union({"name": "apps"}, fields), {"name": 21, "sku_name": 22}))

test_tg_az_224_violation if {
	findings := network_more.deny with input as spring({})
	some f in findings
	f.rule_id == "TG-AZ-224"
	f.location == fx.span(path, 20, 30)
	f.message == `Spring Cloud service "apps" is not deployed in a virtual network (no network.service_runtime_subnet_id)`
	count(fx.ids(network_more.deny, "TG-AZ-224")) == 1 with input as spring({"sku_name": "B0"})
}

test_tg_az_224_compliant if {
	net := fx.unknown(fx.block(path, 23, 27, {"app_subnet_id": "x"}, {"app_subnet_id": 24}), "service_runtime_subnet_id", 25)
	count(fx.ids(network_more.deny, "TG-AZ-224")) == 0 with input as spring({"network": [net]})
	env := fx.resource("azurerm_spring_cloud_service", "apps", fx.unknown(fx.block(path, 20, 30, {"name": "apps", "sku_tier": "StandardGen2"}, {}), "managed_environment_id", 23))
	count(fx.ids(network_more.deny, "TG-AZ-224")) == 0 with input as env
}

search(fields) := fx.resource("azurerm_search_service", "s", fx.block(path, 40, 46, object.union({"name": "s"}, fields), {"name": 41, "allowed_ips": 42, "public_network_access_enabled": 43}))

test_tg_az_238_violation if {
	findings := network_more.deny with input as search({"allowed_ips": ["203.0.113.9", "0.0.0.0/0"]})
	some f in findings
	f.rule_id == "TG-AZ-238"
	f.location == fx.loc(path, 42)
	f.message == `Search service "s" firewall allows every address (allowed_ips has "0.0.0.0/0")`
	count(fx.ids(network_more.deny, "TG-AZ-238")) == 1 with input as search({"allowed_ips": ["0.0.0.0/0"], "public_network_access_enabled": true})
}

test_tg_az_238_compliant if {
	count(fx.ids(network_more.deny, "TG-AZ-238")) == 0 with input as search({"allowed_ips": ["203.0.113.0/24"]})
	count(fx.ids(network_more.deny, "TG-AZ-238")) == 0 with input as search({"allowed_ips": ["0.0.0.0/0"], "public_network_access_enabled": false})
	unknown_public := fx.resource("azurerm_search_service", "s", fx.unknown(fx.block(path, 40, 46, {"name": "s", "allowed_ips": ["0.0.0.0/0"]}, {}), "public_network_access_enabled", 43))
	count(fx.ids(network_more.deny, "TG-AZ-238")) == 0 with input as unknown_public
}
