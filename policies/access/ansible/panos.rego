package tollgate.access.ansible.panos

import data.tollgate.access.ansible.packages
import data.tollgate.lib
import rego.v1

# Helpers for the PAN-OS collection (paloaltonetworks.panos), shared with the audit and
# encryption PAN-OS rules.

# configures(args) holds when the task creates or updates the object (state present, the
# default, or merged/replaced), not when it deletes it or only reads it.
configures(args) if not args.state

configures(args) if args.state in {"present", "merged", "replaced"}

# members(args, key, fallback) are the members of a list argument: the YAML list, or a
# comma-separated string as Ansible splits it; fallback (the module's default) when the argument is
# absent. An unknown argument has no members.
members(args, key, _) := [trim_space(m) | some m in args[key]; is_string(m)] if is_array(args[key])

members(args, key, _) := [trim_space(m) | some m in split(args[key], ",")] if is_string(args[key])

members(args, key, fallback) := fallback if lib.missing(args, key)

# matches_any(args, key, fallback) holds when the list argument matches everything: it holds
# "any" (in any case), or is left at a default that does.
matches_any(args, key, fallback) if {
	some m in members(args, key, fallback)
	lower(m) == "any"
}

# allows(args) holds for a rule that lets traffic through (action allow, the default).
allows(args) if not args.action

allows(args) if args.action == "allow"

security_rule if {
	input.type == "ansible_task"
	input.resource.module == "panos_security_rule"
	configures(input.resource.args)
}

rule_name(args) := args.rule_name if is_string(args.rule_name)

else := input.name

# METADATA
# title: PAN-OS security rule allows any application or any service
# description: |
#   A paloaltonetworks.panos.panos_security_rule task that allows traffic matches the
#   application "any" (the module's default when application is not set) or the service
#   "any". The firewall then lets every application, or every port, through for the matched
#   sources and destinations, instead of only what the rule was written for; the default
#   service, application-default, limits applications to their standard ports and is not
#   reported. Rules that deny, drop or reset are not reported.
# related_resources:
# - https://docs.paloaltonetworks.com/pan-os/11-1/pan-os-admin/policy/security-policy/security-policy-rules
# - https://github.com/PaloAltoNetworks/pan-os-ansible
# custom:
#   id: TG-ANS-007
#   severity: medium
#   category: access
#   remediation: List the applications the rule is for in application, and keep service at application-default or name the service objects it needs.
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.2.1"]
deny contains finding if {
	input.type == "ansible_task"
	security_rule
	args := input.resource.args
	allows(args)
	some key, fallback in {"application": ["any"], "service": ["application-default"]}
	matches_any(args, key, fallback)
	msg := sprintf("task %q: security rule %q allows any %s", [input.name, rule_name(args), key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(args, key), msg)
}

# METADATA
# title: PAN-OS security rule allows traffic from any source to any destination
# description: |
#   A panos_security_rule task that allows traffic matches any source address and any
#   destination address (source_ip and destination_ip both "any", their default), or any
#   source zone and any destination zone. Such a rule is not bounded on either side: every
#   host can reach every host through it, for the applications and services it names.
#   Negated address lists and rules that deny, drop or reset are not reported.
# related_resources:
# - https://docs.paloaltonetworks.com/pan-os/11-1/pan-os-admin/policy/security-policy/security-policy-rules
# - https://github.com/PaloAltoNetworks/pan-os-ansible
# custom:
#   id: TG-ANS-008
#   severity: high
#   category: access
#   remediation: Name the source or the destination the rule is for (address objects or groups in source_ip/destination_ip, and the zones in source_zone/destination_zone).
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "ansible_task"
	security_rule
	args := input.resource.args
	allows(args)
	some pair in [["source_ip", "destination_ip", "addresses"], ["source_zone", "destination_zone", "zones"]]
	matches_any(args, pair[0], ["any"])
	matches_any(args, pair[1], ["any"])
	not negated(args, pair)
	msg := sprintf("task %q: security rule %q allows any source to any destination (%s)", [input.name, rule_name(args), pair[2]])
	finding := lib.finding(rego.metadata.rule(), pair_loc(args, pair), msg)
}

negated(args, pair) if {
	pair[2] == "addresses"
	some key in ["negate_source", "negate_destination"]
	packages.ansible_true(args[key])
}

pair_loc(args, pair) := lib.attr_loc(args, pair[0]) if args.__loc.attrs[pair[0]].start_line

else := lib.attr_loc(args, pair[1])

zone_task if {
	input.type == "ansible_task"
	input.resource.module == "panos_zone"
	configures(input.resource.args)
}

# METADATA
# title: PAN-OS zone has no zone protection profile
# description: |
#   A paloaltonetworks.panos.panos_zone task creates a zone without zone_profile (or with an
#   empty one): the firewall applies no flood, reconnaissance or packet-based attack
#   protection to traffic entering the zone, the first line of defence of an internet-facing
#   zone.
# related_resources:
# - https://docs.paloaltonetworks.com/pan-os/11-1/pan-os-admin/zone-protection-and-dos-protection
# - https://github.com/PaloAltoNetworks/pan-os-ansible
# custom:
#   id: TG-ANS-009
#   severity: low
#   category: access
#   remediation: Create a zone protection profile (flood, reconnaissance and packet-based protection) and name it in zone_profile.
#   frameworks:
#     nist-800-53: ["SC-5", "SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "ansible_task"
	zone_task
	args := input.resource.args
	no_profile(args)
	msg := sprintf("task %q: zone %q has no zone protection profile", [input.name, zone_name(args)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(args, "zone_profile"), msg)
}

no_profile(args) if lib.missing(args, "zone_profile")

no_profile(args) if args.zone_profile == ""

no_profile(args) if args.zone_profile == null

zone_name(args) := args.zone if is_string(args.zone)

else := input.name

# METADATA
# title: PAN-OS zone enables User-ID without an include list
# description: |
#   A panos_zone task sets enable_userid to true and gives no include_acl: the firewall
#   tries to map users for every source network of the zone, including untrusted ones, and
#   sends its User-ID probes and credentials-bearing lookups where it should not.
# related_resources:
# - https://docs.paloaltonetworks.com/pan-os/11-1/pan-os-admin/user-id/enable-user-id
# - https://github.com/PaloAltoNetworks/pan-os-ansible
# custom:
#   id: TG-ANS-010
#   severity: low
#   category: access
#   remediation: List the trusted internal networks in include_acl (and untrusted ones in exclude_acl).
#   frameworks:
#     nist-800-53: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "ansible_task"
	zone_task
	args := input.resource.args
	packages.ansible_true(args.enable_userid)
	no_include_acl(args)
	msg := sprintf("task %q: zone %q enables User-ID for every network (no include_acl)", [input.name, zone_name(args)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(args, "enable_userid"), msg)
}

no_include_acl(args) if lib.missing(args, "include_acl")

no_include_acl(args) if args.include_acl in {[], "", null}
