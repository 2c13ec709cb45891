package tollgate.access.gcp.network_firewall

import data.tollgate.lib
import rego.v1

# Resources that give a VPC network firewall rules of its own.
firewall_types := ["google_compute_firewall", "google_compute_network_firewall_policy_association"]

# METADATA
# title: VPC network has no firewall rules of its own
# description: |
#   No google_compute_firewall (nor network firewall policy association) of the
#   configuration refers to the google_compute_network. Its traffic is then governed by
#   the implied rules and by whatever rules are added outside Terraform (by hand in the
#   console, or by a project's default set), which nobody reviews with the code: the
#   network's exposure is not written down where it can be checked. Not reported for a
#   plan, where what refers to the network is unknown.
# related_resources:
# - https://cloud.google.com/firewall/docs/firewalls#default_firewall_rules
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall
# custom:
#   id: TG-GCP-160
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Declare the network's firewall rules in Terraform (google_compute_firewall with network = google_compute_network.NAME.id), starting with a deny-all ingress rule at low priority and allow rules for the traffic the workloads need.
#   frameworks:
#     nist-800-53: ["SC-7", "CM-2"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.2.1"]
deny contains finding if {
	input.type == "google_compute_network"
	not input.related_unknown
	is_object(input.related)
	not has_firewall
	msg := sprintf("VPC network %q has no firewall rules in the configuration (no google_compute_firewall refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

has_firewall if {
	some t in firewall_types
	count(object.get(input.related, t, [])) > 0
}
