package tollgate.access.azure.database

import data.tollgate.lib
import rego.v1

firewall_rule_types := {
	"azurerm_mssql_firewall_rule",
	"azurerm_sql_firewall_rule",
	"azurerm_postgresql_firewall_rule",
	"azurerm_postgresql_flexible_server_firewall_rule",
	"azurerm_mysql_firewall_rule",
	"azurerm_mysql_flexible_server_firewall_rule",
	"azurerm_mariadb_firewall_rule",
}

# The whole public unicast IPv4 space: a range from at most 1.0.0.0 to at least
# 223.255.255.255 lets in every internet address.
internet_first := 16777216 # 1.0.0.0

internet_last := 3758096383 # 223.255.255.255

# METADATA
# title: Database firewall rule allows the whole internet
# description: |
#   A server-level firewall rule of Azure SQL, PostgreSQL, MySQL or MariaDB (single or
#   flexible server) whose start_ip_address..end_ip_address covers every internet address
#   (0.0.0.0-255.255.255.255 and the like): the database endpoint accepts connection
#   attempts, and password guessing, from anywhere. The special rule 0.0.0.0-0.0.0.0
#   ("allow Azure services") is not reported here.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/firewall-configure
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_firewall_rule
# custom:
#   id: TG-AZ-006
#   severity: high
#   category: access
#   provider: azure
#   remediation: Narrow the rule to the addresses of the clients that need the database, or remove it and connect over a private endpoint or virtual network rule.
#   frameworks:
#     cis-azure-2.0: ["4.1.2"]
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
	ip_number(r.start_ip_address) <= internet_first
	ip_number(r.end_ip_address) >= internet_last
	msg := sprintf("database firewall rule %q allows the whole internet (%s - %s)", [input.name, r.start_ip_address, r.end_ip_address])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "start_ip_address"), msg)
}

ip_number(ip) := n if {
	is_string(ip)
	octets := regex.find_all_string_submatch_n(`^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$`, trim_space(ip), 1)
	count(octets) == 1
	o := [to_number(x) | some x in array.slice(octets[0], 1, 5)]
	n := (((((o[0] * 256) + o[1]) * 256) + o[2]) * 256) + o[3]
}

# Address blocks that are not reachable from the internet: private (RFC 1918), shared
# (carrier-grade NAT), loopback, link-local, "this network", documentation-free special
# purpose, benchmarking, and multicast/reserved space.
non_public_blocks := [
	"0.0.0.0/8",
	"10.0.0.0/8",
	"100.64.0.0/10",
	"127.0.0.0/8",
	"169.254.0.0/16",
	"172.16.0.0/12",
	"192.0.0.0/24",
	"192.168.0.0/16",
	"198.18.0.0/15",
	"224.0.0.0/3",
]

public_ip(ip) if {
	ip_number(ip)
	not non_public(trim_space(ip))
}

non_public(ip) if {
	some block in non_public_blocks
	net.cidr_contains(block, ip)
}

# METADATA
# title: Database firewall rule opens a range of public addresses
# description: |
#   A server-level firewall rule of Azure SQL, PostgreSQL, MySQL or MariaDB (single or
#   flexible server) spans more than one address and starts or ends at a public internet
#   address: every host in that range, often a whole provider's or country's block, can try
#   to log in to the database. Single addresses (start = end), the special rule
#   0.0.0.0-0.0.0.0 ("allow Azure services") and private ranges are not reported, nor are
#   ranges covering the whole internet, which TG-AZ-006 reports.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/firewall-configure
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_firewall_rule#start_ip_address
# custom:
#   id: TG-AZ-121
#   severity: medium
#   category: access
#   provider: azure
#   remediation: List the individual client addresses (one rule per address, start = end), or connect over a private endpoint or virtual network rule instead of the public endpoint.
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
	first := ip_number(r.start_ip_address)
	last := ip_number(r.end_ip_address)
	first < last
	not whole_internet(first, last)
	some key in ["start_ip_address", "end_ip_address"]
	public_ip(r[key])
	msg := sprintf("database firewall rule %q opens a range of public addresses (%s - %s)", [input.name, r.start_ip_address, r.end_ip_address])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "start_ip_address"), msg)
}

whole_internet(first, last) if {
	first <= internet_first
	last >= internet_last
}

# METADATA
# title: Database firewall lets in every Azure service
# description: |
#   A server-level firewall rule of Azure SQL, PostgreSQL, MySQL or MariaDB (single or
#   flexible server) from 0.0.0.0 to 0.0.0.0, the "Allow Azure services and resources to
#   access this server" switch: connections are accepted from any address inside Azure,
#   including virtual machines and services of every other Azure customer, who then only
#   need a login.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/network-access-controls-overview#allow-azure-services
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_firewall_rule#start_ip_address
# custom:
#   id: TG-AZ-195
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Remove the 0.0.0.0 rule and let the Azure clients in through virtual network rules, private endpoints or rules for their own outbound addresses.
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
	ip_number(r.start_ip_address) == 0
	ip_number(r.end_ip_address) == 0
	msg := sprintf("database firewall rule %q lets in every Azure service (0.0.0.0 - 0.0.0.0)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "start_ip_address"), msg)
}

sql_server_types := {"azurerm_mssql_server", "azurerm_sql_server"}

# METADATA
# title: SQL server has no Microsoft Entra ID administrator
# description: |
#   An azurerm_mssql_server (or azurerm_sql_server) has no azuread_administrator block, and
#   no azurerm_sql_active_directory_administrator refers to it: only SQL authentication
#   with the server admin login and password is possible, outside central identity
#   management, MFA and Conditional Access, and database users cannot be mapped to
#   Entra ID identities.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#azuread_administrator
# custom:
#   id: TG-AZ-007
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Add an azuread_administrator block (login_username and object_id of an Entra ID group), and consider azuread_authentication_only = true.
#   frameworks:
#     cis-azure-2.0: ["4.1.4"]
#     nist-800-53: ["IA-2", "AC-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.2.1"]
deny contains finding if {
	input.type in {"azurerm_mssql_server", "azurerm_sql_server"}
	r := input.resource
	no_admin_block(r)
	not input.related_unknown
	count(object.get(input, ["related", "azurerm_sql_active_directory_administrator"], [])) == 0
	msg := sprintf("SQL server %q has no Microsoft Entra ID (Azure AD) administrator", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

no_admin_block(r) if lib.missing(r, "azuread_administrator")

no_admin_block(r) if r.azuread_administrator == []

public_server_kinds := {
	"azurerm_mssql_server": "SQL server",
	"azurerm_sql_server": "SQL server",
	"azurerm_postgresql_flexible_server": "PostgreSQL flexible server",
	"azurerm_postgresql_server": "PostgreSQL server",
	"azurerm_mysql_flexible_server": "MySQL flexible server",
	"azurerm_mysql_server": "MySQL server",
	"azurerm_mariadb_server": "MariaDB server",
}

# Servers that can instead be injected into a virtual network (delegated subnet): there
# the default is private access.
vnet_injectable := {"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"}

# METADATA
# title: Database server allows public network access
# description: |
#   public_network_access_enabled is true, or not set (its default is true), on an Azure
#   SQL, PostgreSQL, MySQL or MariaDB server (public_network_access = "Enabled" on a MySQL
#   flexible server): the server has a public endpoint on the internet, guarded only by its
#   firewall rules, so one over-broad rule exposes it. A flexible server injected into a
#   virtual network (delegated_subnet_id set) is private by default and is not reported
#   when the setting is left out. Not reported when a value it depends on is unknown.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access
# - https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#public_network_access_enabled
# custom:
#   id: TG-AZ-008
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set public_network_access_enabled = false (public_network_access = "Disabled" on MySQL flexible server) and connect through a private endpoint or virtual network integration.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {
		"azurerm_mariadb_server",
		"azurerm_mssql_server",
		"azurerm_mysql_flexible_server",
		"azurerm_mysql_server",
		"azurerm_postgresql_flexible_server",
		"azurerm_postgresql_server",
		"azurerm_sql_server",
	}
	r := input.resource
	v := public_access(r)
	msg := sprintf("%s %q allows public network access (%s)", [public_server_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, v.key), msg)
}

public_access(r) := {"key": "public_network_access_enabled", "problem": "public_network_access_enabled = true"} if {
	lib.is_true(r.public_network_access_enabled)
} else := {"key": "public_network_access", "problem": "public_network_access = \"Enabled\""} if {
	r.public_network_access == "Enabled"
} else := {"key": "public_network_access_enabled", "problem": "public_network_access_enabled not set, default true"} if {
	unset(r, "public_network_access_enabled")
	unset(r, "public_network_access")
	not private_by_default(r)
}

# A flexible server with a delegated subnet (known or not) has no public endpoint.
private_by_default(r) if {
	input.type in vnet_injectable
	not unset(r, "delegated_subnet_id")
}

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null: the
# provider default applies.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
