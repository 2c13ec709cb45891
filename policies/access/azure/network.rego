package tollgate.access.azure.network

import data.tollgate.lib
import rego.v1

# Source prefixes that mean "anywhere on the internet" in an NSG rule.
open_sources := {"*", "0.0.0.0", "0.0.0.0/0", "::/0", "internet", "any"}

service_names := {22: "SSH", 3389: "RDP"}

# METADATA
# title: Network security group allows administration ports from the internet
# description: |
#   An inbound Allow rule whose source is "*", "Internet", "Any" or 0.0.0.0/0 reaches one
#   of the administration ports (parameter admin_ports, default 22 for SSH and 3389 for
#   RDP) over TCP or any protocol, through a single port, a range or "*". Remote
#   administration is then exposed to brute force and exploits from anywhere. Checked on
#   the security_rule blocks of azurerm_network_security_group and on
#   azurerm_network_security_rule.
# related_resources:
# - https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
# - https://learn.microsoft.com/azure/bastion/bastion-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule
# custom:
#   id: TG-AZ-005
#   severity: high
#   category: access
#   provider: azure
#   remediation: Restrict source_address_prefix(es) to known administration networks, or remove the rule and reach the machines through Azure Bastion or just-in-time VM access.
#   frameworks:
#     cis-azure-2.0: ["6.1", "6.2"]
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"azurerm_network_security_group", "azurerm_network_security_rule"}
	some v in open_admin_rules
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

open_admin_rules contains v if {
	input.type == "azurerm_network_security_group"
	some rule in input.resource.security_rule
	some key in source_keys
	v := violation(rule, key, sprintf("network security group %q rule %q", [input.name, object.get(rule, "name", "")]))
}

open_admin_rules contains v if {
	input.type == "azurerm_network_security_rule"
	some key in source_keys
	v := violation(input.resource, key, sprintf("network security rule %q", [input.name]))
}

source_keys := ["source_address_prefix", "source_address_prefixes"]

violation(rule, key, subject) := {"location": lib.attr_loc(rule, key), "message": msg} if {
	lower_str(rule.direction) == "inbound"
	lower_str(rule.access) == "allow"
	lower_str(rule.protocol) in {"tcp", "*"}
	sources := [s | some s in as_list(rule[key]); lower_str(s) in open_sources]
	count(sources) > 0
	exposed := [describe(p) | some p in admin_ports; some range in port_ranges(rule); covers(range, p)]
	count(exposed) > 0
	msg := sprintf("%s allows inbound %s from %s", [subject, concat(" and ", sort_unique(exposed)), concat(", ", [sprintf("%q", [s]) | some s in sources])])
}

admin_ports := {n | some p in lib.param("admin_ports"); n := port_number(p)}

describe(port) := sprintf("%s (port %d)", [service_names[port], port])

describe(port) := sprintf("port %d", [port]) if not service_names[port]

sort_unique(xs) := sort({x | some x in xs})

port_ranges(rule) := [trim_space(sprintf("%v", [r])) |
	some key in ["destination_port_range", "destination_port_ranges"]
	some r in as_list(rule[key])
	r != null
]

lower_str(x) := lower(x) if is_string(x)

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

covers("*", _)

covers(range, port) if port_number(range) == port

covers(range, port) if {
	bounds := regex.find_all_string_submatch_n(`^([0-9]+)\s*-\s*([0-9]+)$`, range, 1)
	count(bounds) == 1
	to_number(bounds[0][1]) <= port
	port <= to_number(bounds[0][2])
}

port_number(x) := x if is_number(x)

port_number(x) := to_number(x) if {
	is_string(x)
	regex.match(`^[0-9]+$`, x)
}
