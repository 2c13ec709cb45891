package tollgate.audit.gcp.network

import data.tollgate.lib
import rego.v1

# Subnet purposes that carry VM traffic and support flow logs; proxy-only, Private
# Service Connect and NAT subnets do not.
vm_purposes := {"PRIVATE", "PRIVATE_RFC_1918"}

# METADATA
# title: VPC subnet has no flow logs
# description: |
#   A google_compute_subnetwork that carries VM traffic (purpose unset, PRIVATE or
#   PRIVATE_RFC_1918) has no log_config block: connections to and from its VMs are not
#   recorded, so exfiltration, scanning and lateral movement leave no network trace.
#   Proxy-only, Private Service Connect and NAT subnets, which cannot have flow logs, are
#   not reported, nor is an unknown purpose.
# related_resources:
# - https://cloud.google.com/vpc/docs/flow-logs
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_subnetwork#log_config
# custom:
#   id: TG-GCP-073
#   severity: medium
#   category: audit
#   provider: gcp
#   remediation: Add log_config { aggregation_interval = "INTERVAL_5_SEC", flow_sampling = 1.0, metadata = "INCLUDE_ALL_METADATA" } (lower the sampling to control cost).
#   frameworks:
#     cis-gcp-2.0: ["3.8"]
#     nist-800-53: ["AU-12", "SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "google_compute_subnetwork"
	r := input.resource
	carries_vm_traffic(r)
	lib.missing(r, "log_config")
	msg := sprintf("subnetwork %q has no VPC flow logs (no log_config block)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

carries_vm_traffic(r) if lib.missing(r, "purpose")

carries_vm_traffic(r) if r.purpose in vm_purposes

# METADATA
# title: Cloud DNS policy does not log queries
# description: |
#   A google_dns_policy has enable_logging false or not set (its default is false): DNS
#   queries of the VMs of its networks are not logged, hiding lookups of command and
#   control domains and DNS tunnelling.
# related_resources:
# - https://cloud.google.com/dns/docs/monitoring
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/dns_policy#enable_logging
# custom:
#   id: TG-GCP-074
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Set enable_logging = true on the DNS policy attached to each VPC network.
#   frameworks:
#     cis-gcp-2.0: ["2.12"]
#     nist-800-53: ["AU-12", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "google_dns_policy"
	r := input.resource
	problem := flag_off(r, "enable_logging")
	msg := sprintf("DNS policy %q does not log queries (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enable_logging"), msg)
}

backend_kinds := {
	"google_compute_backend_service": "backend service",
	"google_compute_region_backend_service": "regional backend service",
}

# METADATA
# title: Load balancer backend service does not log requests
# description: |
#   A google_compute_backend_service or google_compute_region_backend_service has no
#   log_config, or log_config.enable is false: requests through the load balancer (client
#   address, URL, status, latency) are not logged, so attacks against the application
#   cannot be traced.
# related_resources:
# - https://cloud.google.com/load-balancing/docs/https/https-logging-monitoring
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_backend_service#log_config
# custom:
#   id: TG-GCP-075
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Add log_config { enable = true, sample_rate = 1.0 } (lower the sample rate to control cost).
#   frameworks:
#     cis-gcp-2.0: ["2.16"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"google_compute_backend_service", "google_compute_region_backend_service"}
	r := input.resource
	v := logging_off(r)
	msg := sprintf("%s %q does not log requests (%s)", [backend_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

logging_off(r) := {"location": lib.loc(r), "problem": "no log_config block"} if {
	lib.missing(r, "log_config")
} else := v if {
	some config in r.log_config
	problem := flag_off(config, "enable")
	v := {"location": lib.attr_loc(config, "enable"), "problem": problem}
}

flag_off(obj, key) := sprintf("%s = false", [key]) if {
	lib.is_false(obj[key])
} else := sprintf("%s not set, default false", [key]) if {
	lib.missing(obj, key)
} else := sprintf("%s not set, default false", [key]) if {
	obj[key] == null
}
