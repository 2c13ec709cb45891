package tollgate.access.azure.network_more

import data.tollgate.access.azure.database
import data.tollgate.lib
import rego.v1

related(type) := object.get(input, ["related", type], [])

# METADATA
# title: Database firewall rule range spans public addresses
# description: |
#   A server-level firewall rule of Azure SQL, PostgreSQL, MySQL or MariaDB (single or
#   flexible server) starts and ends at addresses that are not on the internet (0.0.0.0,
#   a private, shared or reserved address, 255.255.255.255) but the range between them
#   crosses public address space: 0.0.0.0-10.0.0.255 or 10.0.0.0-255.255.255.255 let in
#   millions of internet hosts although neither end looks public. Ranges that cover the
#   whole internet (TG-AZ-006), that start or end at a public address (TG-AZ-121), the
#   0.0.0.0-0.0.0.0 rule (TG-AZ-195) and ranges that stay inside one non-public block are
#   not reported here.
# related_resources:
# - https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-firewall-rules
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server_firewall_rule
# custom:
#   id: TG-AZ-232
#   severity: high
#   category: access
#   provider: azure
#   remediation: Write one rule per client address or small client range (start and end in the same network), or connect over a private endpoint or virtual network rule instead of the public endpoint.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-3"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {
		"azurerm_mariadb_firewall_rule",
		"azurerm_mssql_firewall_rule",
		"azurerm_mysql_firewall_rule",
		"azurerm_mysql_flexible_server_firewall_rule",
		"azurerm_postgresql_firewall_rule",
		"azurerm_postgresql_flexible_server_firewall_rule",
		"azurerm_sql_firewall_rule",
	}
	r := input.resource
	first := database.ip_number(r.start_ip_address)
	last := database.ip_number(r.end_ip_address)
	first < last
	not database.whole_internet(first, last)
	not database.public_ip(r.start_ip_address)
	not database.public_ip(r.end_ip_address)
	not same_block(trim_space(r.start_ip_address), trim_space(r.end_ip_address))
	msg := sprintf("database firewall rule %q spans public internet addresses (%s - %s)", [input.name, r.start_ip_address, r.end_ip_address])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "start_ip_address"), msg)
}

# The non-public blocks are disjoint and none is adjacent to another: a range whose ends
# are both non-public holds no public address only when one block holds both ends.
same_block(a, b) if {
	some block in database.non_public_blocks
	net.cidr_contains(block, a)
	net.cidr_contains(block, b)
}

# Subnets where Azure does not support a network security group, or which a service
# manages itself.
nsg_exempt_names := {"gatewaysubnet", "azurefirewallsubnet", "azurefirewallmanagementsubnet", "routeserversubnet"}

# METADATA
# title: Subnet has no network security group
# description: |
#   No azurerm_subnet_network_security_group_association of the configuration refers to an
#   azurerm_subnet, and the subnet sets no network_security_group_id
#   (network_security_group_id_wo): traffic into and out of the subnet is not filtered,
#   so every host of the virtual network, of peered networks and of connected on-premises
#   networks can reach every port of its machines unless each has a security group of its
#   own, and a machine with a Basic public IP is open to the internet. Gateway, Azure
#   Firewall and Route Server subnets, which do not support a security group, and subnets
#   delegated to Azure NetApp Files are not reported, nor is anything when which resources
#   refer to the subnet is unknown (a plan).
# related_resources:
# - https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/subnet_network_security_group_association
# custom:
#   id: TG-AZ-233
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Create an azurerm_network_security_group with the rules the subnet's workloads need and attach it with azurerm_subnet_network_security_group_association.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_subnet"
	not input.related_unknown
	r := input.resource
	is_string(r.name)
	not lower(r.name) in nsg_exempt_names
	not netapp_or_unknown_delegation(r)
	not nsg_set(r)
	count(related("azurerm_subnet_network_security_group_association")) == 0
	msg := sprintf("Subnet %q has no network security group", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# A security group given on the subnet itself (azurerm v1, or the write-only attribute),
# known or not.
nsg_set(r) if {
	some key in ["network_security_group_id", "network_security_group_id_wo"]
	not lib.missing(r, key)
	r[key] != null
}

nsg_set(r) if {
	some key in ["network_security_group_id", "network_security_group_id_wo"]
	lib.unknown(r, key)
}

netapp_or_unknown_delegation(r) if lib.unknown(r, "delegation")

netapp_or_unknown_delegation(r) if {
	some d in r.delegation
	lib.unknown(d, "service_delegation")
}

netapp_or_unknown_delegation(r) if {
	some d in r.delegation
	some s in d.service_delegation
	lib.unknown(s, "name")
}

netapp_or_unknown_delegation(r) if {
	some d in r.delegation
	some s in d.service_delegation
	lower(s.name) == "microsoft.netapp/volumes"
}

# METADATA
# title: Spring Cloud service is not deployed in a virtual network
# description: |
#   An azurerm_spring_cloud_service has no network block with a service_runtime_subnet_id:
#   the service runtime and the apps run in a network managed by Azure, with no security
#   group or route table of the organisation between them and the internet, and cannot reach
#   private endpoints of other services. The Basic tier (sku_name = "B0") cannot be
#   deployed in a virtual network and is reported too. A service built on a Container Apps
#   environment (managed_environment_id) takes its network from that environment and is not
#   reported.
# related_resources:
# - https://learn.microsoft.com/azure/spring-apps/enterprise/how-to-deploy-in-azure-virtual-network
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/spring_cloud_service#network
# custom:
#   id: TG-AZ-224
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Create the service with sku_name = "S0" or "E0" and a network block (app_subnet_id, service_runtime_subnet_id, cidr_ranges) in subnets of your virtual network.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_spring_cloud_service"
	r := input.resource
	not lib.unknown(r, "network")
	not vnet_injected(r)
	lib.missing(r, "managed_environment_id")
	msg := sprintf("Spring Cloud service %q is not deployed in a virtual network (no network.service_runtime_subnet_id)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

vnet_injected(r) if {
	some n in r.network
	not lib.missing(n, "service_runtime_subnet_id")
}

# METADATA
# title: Search service firewall allows every address
# description: |
#   allowed_ips of an azurerm_search_service whose public network access is not turned off
#   holds a /0 range (0.0.0.0/0): the service's firewall admits every internet address, and
#   only the API keys or Entra ID tokens stand between the indexes and anyone. With
#   public_network_access_enabled = false the list is not applied and nothing is reported.
# related_resources:
# - https://learn.microsoft.com/azure/search/service-configure-firewall
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/search_service#allowed_ips
# custom:
#   id: TG-AZ-238
#   severity: high
#   category: access
#   provider: azure
#   remediation: List only the addresses of the clients that query the service in allowed_ips, or set public_network_access_enabled = false and use a private endpoint.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_search_service"
	r := input.resource
	not public_access_off(r)
	some ip in r.allowed_ips
	is_string(ip)
	regex.match(`^[0-9a-fA-F.:]*/0$`, trim_space(ip))
	msg := sprintf("Search service %q firewall allows every address (allowed_ips has %q)", [input.name, ip])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "allowed_ips"), msg)
}

public_access_off(r) if lib.is_false(r.public_network_access_enabled)

public_access_off(r) if lib.unknown(r, "public_network_access_enabled")
