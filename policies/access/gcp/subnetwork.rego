package tollgate.access.gcp.subnetwork

import data.tollgate.lib
import rego.v1

# Subnetwork purposes that hold no VMs and where Private Google Access does not apply.
vm_less_purposes := {
	"INTERNAL_HTTPS_LOAD_BALANCER", "REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY",
	"PRIVATE_SERVICE_CONNECT", "PRIVATE_NAT",
}

ipv6_access_values := {"ENABLE_OUTBOUND_VM_ACCESS_TO_GOOGLE", "ENABLE_BIDIRECTIONAL_ACCESS_TO_GOOGLE"}

# METADATA
# title: Subnetwork has Private Google Access disabled
# description: |
#   A google_compute_subnetwork that holds VMs does not set private_ip_google_access =
#   true (the provider's default is false), or, for a dual-stack subnetwork (stack_type =
#   "IPV4_IPV6"), leaves private_ipv6_google_access unset or disabled: VMs without an
#   external IP address cannot reach Google APIs (Cloud Storage, Artifact Registry,
#   logging), which pushes teams to give them public IP addresses or a path through the
#   internet. Proxy-only, Private Service Connect and NAT subnetworks are not reported,
#   nor is a subnetwork whose purpose is unknown.
# related_resources:
# - https://cloud.google.com/vpc/docs/private-google-access
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_subnetwork#private_ip_google_access
# custom:
#   id: TG-GCP-137
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Set private_ip_google_access = true (and private_ipv6_google_access = "ENABLE_OUTBOUND_VM_ACCESS_TO_GOOGLE" on dual-stack subnetworks), then remove external IPs from the VMs.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_compute_subnetwork"
	r := input.resource
	holds_vms(r)
	some v in no_private_access
	msg := sprintf("subnetwork %q has Private Google Access disabled (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

holds_vms(r) if lib.missing(r, "purpose")

holds_vms(r) if r.purpose == null

holds_vms(r) if {
	is_string(r.purpose)
	not r.purpose in vm_less_purposes
}

no_private_access contains {"location": lib.loc(r), "problem": "private_ip_google_access not set, default false"} if {
	r := input.resource
	lib.missing(r, "private_ip_google_access")
}

no_private_access contains {"location": lib.attr_loc(r, "private_ip_google_access"), "problem": "private_ip_google_access = false"} if {
	r := input.resource
	lib.is_false(r.private_ip_google_access)
}

no_private_access contains {"location": lib.loc(r), "problem": "dual-stack, private_ipv6_google_access not set"} if {
	r := input.resource
	r.stack_type == "IPV4_IPV6"
	lib.missing(r, "private_ipv6_google_access")
}

no_private_access contains {"location": lib.attr_loc(r, "private_ipv6_google_access"), "problem": sprintf("private_ipv6_google_access = %q", [r.private_ipv6_google_access])} if {
	r := input.resource
	r.stack_type == "IPV4_IPV6"
	is_string(r.private_ipv6_google_access)
	not r.private_ipv6_google_access in ipv6_access_values
}
