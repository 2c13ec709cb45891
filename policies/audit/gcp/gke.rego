package tollgate.audit.gcp.gke

import data.tollgate.lib
import rego.v1

# METADATA
# title: GKE cluster logging or monitoring is disabled
# description: |
#   A google_container_cluster sets logging_service or monitoring_service to "none", or
#   logging_config { enable_components = [] }: control plane, system and workload logs, or
#   cluster metrics, are not collected by Cloud Logging and Cloud Monitoring, so
#   incidents in the cluster cannot be detected or investigated.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#logging_service
# custom:
#   id: TG-GCP-076
#   severity: medium
#   category: audit
#   provider: gcp
#   remediation: Remove logging_service and monitoring_service (defaults logging.googleapis.com/kubernetes and monitoring.googleapis.com/kubernetes), or set logging_config { enable_components = ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"] }.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12", "SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "google_container_cluster"
	some v in telemetry_off
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

telemetry_off contains v if {
	r := input.resource
	some key in ["logging_service", "monitoring_service"]
	r[key] == "none"
	v := {
		"location": lib.attr_loc(r, key),
		"message": sprintf("GKE cluster %q has %s disabled (%s = \"none\")", [input.name, split(key, "_")[0], key]),
	}
}

telemetry_off contains v if {
	some config in input.resource.logging_config
	config.enable_components == []
	v := {
		"location": lib.attr_loc(config, "enable_components"),
		"message": sprintf("GKE cluster %q has logging disabled (logging_config enable_components = [])", [input.name]),
	}
}
