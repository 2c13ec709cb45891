package tollgate.access.gcp.firewall

import data.tollgate.access.gcp.compute
import data.tollgate.lib
import rego.v1

# METADATA
# title: Firewall rule allows ingress from the internet
# description: |
#   An enabled INGRESS google_compute_firewall allows traffic from 0.0.0.0/0 or ::/0 (or
#   sets no source at all, which GCP reads as 0.0.0.0/0), on whatever protocol and ports
#   it lists: the services of the targeted instances are reachable from anywhere, not only
#   the administration ports TG-GCP-007 reports. Public web front ends belong behind a load
#   balancer (with Cloud Armor), whose proxies have their own source ranges.
# related_resources:
# - https://cloud.google.com/firewall/docs/firewalls
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall#source_ranges
# custom:
#   id: TG-GCP-094
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Restrict source_ranges to the networks that need the service (for a load balancer, Google's front-end ranges 130.211.0.0/22 and 35.191.0.0/16).
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_compute_firewall"
	r := input.resource
	compute.ingress(r)
	enabled(r)
	allows(r)
	v := compute.open_source(r)
	msg := sprintf("firewall rule %q allows ingress (%s) from %s", [input.name, describe_allow(r), v.sources])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# METADATA
# title: Firewall rule allows egress to the internet
# description: |
#   An enabled EGRESS google_compute_firewall allows traffic to 0.0.0.0/0 or ::/0 (or sets
#   no destination_ranges, which GCP reads as 0.0.0.0/0): a compromised instance can send
#   data to, or fetch tools from, any host on the internet.
# related_resources:
# - https://cloud.google.com/firewall/docs/firewalls#egress_cases
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall#destination_ranges
# custom:
#   id: TG-GCP-095
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Restrict destination_ranges to the networks and Google API ranges (private.googleapis.com) the workload needs, with a lower-priority deny-all egress rule.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_compute_firewall"
	r := input.resource
	r.direction == "EGRESS"
	enabled(r)
	allows(r)
	v := open_destination(r)
	msg := sprintf("firewall rule %q allows egress (%s) to %s", [input.name, describe_allow(r), v.destinations])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

open_destination(r) := {"location": lib.attr_loc(r, "destination_ranges"), "destinations": concat(", ", sort(ranges))} if {
	ranges := {c | some c in r.destination_ranges; c in compute.open_ranges}
	count(ranges) > 0
} else := {"location": lib.loc(r), "destinations": "any destination (no destination_ranges)"} if {
	compute.unset(r, "destination_ranges")
}

# Protocols whose rules are about ports.
port_protocols := {"tcp", "udp", "sctp", "6", "17", "132"}

# METADATA
# title: Firewall rule allows every port
# description: |
#   An enabled google_compute_firewall has an allow block for protocol "all", or for TCP,
#   UDP or SCTP without ports or with the range 0-65535 (or 1-65535): every service of the
#   targeted instances, including ones started later or by mistake, is reachable from the
#   rule's sources (or, for egress, every destination port).
# related_resources:
# - https://cloud.google.com/firewall/docs/firewalls#protocols_and_ports
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall#ports
# custom:
#   id: TG-GCP-096
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: List in ports only the ports of the services the rule is for.
#   frameworks:
#     nist-800-53: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.2.5"]
deny contains finding if {
	input.type == "google_compute_firewall"
	r := input.resource
	enabled(r)
	some allow in r.allow
	why := all_ports(allow)
	msg := sprintf("firewall rule %q allows every port (%s)", [input.name, why])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(allow, "protocol"), msg)
}

all_ports(allow) := "protocol all" if compute.lower_str(allow.protocol) in {"all", "-1"}

else := sprintf("%s without ports", [allow.protocol]) if {
	compute.lower_str(allow.protocol) in port_protocols
	compute.unset(allow, "ports")
}

else := sprintf("%s ports %s", [allow.protocol, range]) if {
	compute.lower_str(allow.protocol) in port_protocols
	some range in allow.ports
	range in {"0-65535", "1-65535"}
}

# Ingress rules opening more ports than this in one range are reported.
max_port_range := 30

# METADATA
# title: Firewall rule opens a large port range
# description: |
#   An enabled INGRESS google_compute_firewall allows a port range of more than 30 ports
#   (for example 1000-2000): many more services than the rule's purpose needs are reachable,
#   including any started later on those ports. Ranges covering every port are reported by
#   TG-GCP-096.
# related_resources:
# - https://cloud.google.com/firewall/docs/firewalls#protocols_and_ports
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall#ports
# custom:
#   id: TG-GCP-097
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Replace the range with the individual ports (or the smallest ranges) the service uses.
#   frameworks:
#     nist-800-53: ["CM-7", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.2.5"]
deny contains finding if {
	input.type == "google_compute_firewall"
	r := input.resource
	compute.ingress(r)
	enabled(r)
	some allow in r.allow
	some range in allow.ports
	bounds := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)$`, sprintf("%v", [range]), 1)
	count(bounds) == 1
	size := to_number(bounds[0][2]) - to_number(bounds[0][1])
	size > max_port_range
	not range in {"0-65535", "1-65535"}
	msg := sprintf("firewall rule %q opens the port range %s (%d ports)", [input.name, range, size + 1])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(allow, "ports"), msg)
}

enabled(r) if not compute.on(r, "disabled")

allows(r) if count(object.get(r, "allow", [])) > 0

describe_allow(r) := concat("; ", [d |
	some allow in r.allow
	d := describe_one(allow)
])

describe_one(allow) := sprintf("%v %s", [allow.protocol, concat(",", [sprintf("%v", [p]) | some p in allow.ports])]) if count(object.get(allow, "ports", [])) > 0

else := sprintf("%v all ports", [allow.protocol]) if compute.lower_str(allow.protocol) in port_protocols

else := sprintf("%v", [allow.protocol])

# The range that covers every subnet of an auto mode VPC network, which the default
# network's default-allow-internal rule opens.
auto_mode_range := "10.128.0.0/9"

# METADATA
# title: Firewall rule copies the default network's allow-internal rule
# description: |
#   An enabled ingress google_compute_firewall allows traffic from 10.128.0.0/9, the
#   range of every subnet of an auto mode network, as the default network's
#   default-allow-internal rule does: every VM of every region can reach every other
#   one on the allowed ports, so one compromised VM can move laterally across the whole
#   network. Ingress from the internet is reported by TG-GCP-094.
# related_resources:
# - https://cloud.google.com/firewall/docs/firewalls#more_rules_default_vpc
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall#source_ranges
# custom:
#   id: TG-GCP-136
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Replace it with rules that allow only the ports each tier needs, from the subnets or service accounts (source_service_accounts, target_service_accounts) that need them.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.2.1"]
deny contains finding if {
	input.type == "google_compute_firewall"
	r := input.resource
	compute.ingress(r)
	enabled(r)
	allows(r)
	auto_mode_range in r.source_ranges
	msg := sprintf("firewall rule %q allows ingress (%s) from every subnet of an auto mode network (%s)", [input.name, describe_allow(r), auto_mode_range])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "source_ranges"), msg)
}
