package tollgate.audit.ansible.panos

import data.tollgate.access.ansible.packages
import data.tollgate.access.ansible.panos
import data.tollgate.lib
import rego.v1

# logging_gaps are the ways a PAN-OS security rule task leaves its traffic out of the logs.
logging_gaps contains {"loc": lib.attr_loc(args, "log_setting"), "what": "forwards no logs (no log_setting)"} if {
	args := input.resource.args
	no_log_setting(args)
}

logging_gaps contains {"loc": lib.attr_loc(args, "log_end"), "what": "does not log at session end (log_end: false)"} if {
	args := input.resource.args
	packages.ansible_false(args.log_end)
}

no_log_setting(args) if lib.missing(args, "log_setting")

no_log_setting(args) if args.log_setting in {"", null}

# METADATA
# title: PAN-OS security rule does not log its traffic
# description: |
#   A paloaltonetworks.panos.panos_security_rule task sets log_end to false (the firewall
#   then keeps no traffic log of the sessions the rule matches), or names no log forwarding
#   profile in log_setting (the logs stay on the firewall, where they roll over and are out
#   of reach of the SIEM). Either way, the sessions the rule allows or blocks cannot be
#   investigated later.
# related_resources:
# - https://docs.paloaltonetworks.com/pan-os/11-1/pan-os-admin/monitoring/configure-log-forwarding
# - https://github.com/PaloAltoNetworks/pan-os-ansible
# custom:
#   id: TG-ANS-011
#   severity: medium
#   category: audit
#   remediation: Keep log_end true (its default) and set log_setting to a log forwarding profile that sends traffic logs to your log collector or SIEM.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "ansible_task"
	panos.security_rule
	some g in logging_gaps
	msg := sprintf("task %q: security rule %q %s", [input.name, panos.rule_name(input.resource.args), g.what])
	finding := lib.finding(rego.metadata.rule(), g.loc, msg)
}

# METADATA
# title: PAN-OS security rule disables server response inspection
# description: |
#   A panos_security_rule task sets disable_server_response_inspection to true: the firewall
#   no longer inspects traffic from the server back to the client for threats, so malware,
#   exploits and exfiltrated data in responses pass undetected and unlogged.
# related_resources:
# - https://docs.paloaltonetworks.com/pan-os/11-1/pan-os-web-interface-help/policies/policies-security/building-blocks-in-a-security-policy-rule
# - https://github.com/PaloAltoNetworks/pan-os-ansible
# custom:
#   id: TG-ANS-012
#   severity: medium
#   category: audit
#   remediation: Remove disable_server_response_inspection (it defaults to false); relieve an overloaded server with an application override or a dedicated rule rather than by turning inspection off.
#   frameworks:
#     nist-800-53: ["SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["11.5.1"]
deny contains finding if {
	input.type == "ansible_task"
	panos.security_rule
	args := input.resource.args
	packages.ansible_true(args.disable_server_response_inspection)
	msg := sprintf("task %q: security rule %q disables server response inspection", [input.name, panos.rule_name(args)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(args, "disable_server_response_inspection"), msg)
}
