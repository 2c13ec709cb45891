package tollgate.access.gcp.data_services

import data.tollgate.lib
import rego.v1

# Dataproc image versions older than 2.2, on which internal_ip_only defaults to false.
old_image := `^(0|1|2\.[01])([.-]|$)`

# METADATA
# title: Dataproc cluster VMs have public IP addresses
# description: |
#   A google_dataproc_cluster sets gce_cluster_config.internal_ip_only = false, or leaves
#   it unset with an image version older than 2.2 (on 2.2 and later the default is
#   internal IP addresses only): every master and worker VM gets an external IP address,
#   so the cluster's web interfaces, YARN and HDFS services are one firewall mistake away
#   from the internet. Not reported when the image version is unknown.
# related_resources:
# - https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/network#create_a_cluster_that_uses_internal_ip_addresses_only
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/dataproc_cluster#internal_ip_only
# custom:
#   id: TG-GCP-144
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set cluster_config { gce_cluster_config { internal_ip_only = true } } and enable Private Google Access on the cluster's subnetwork.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_dataproc_cluster"
	some v in public_ips
	msg := sprintf("Dataproc cluster %q VMs have public IP addresses (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

public_ips contains {"location": lib.attr_loc(g, "internal_ip_only"), "problem": "internal_ip_only = false"} if {
	some c in input.resource.cluster_config
	some g in c.gce_cluster_config
	lib.is_false(g.internal_ip_only)
}

public_ips contains {"location": lib.loc(holder), "problem": sprintf("internal_ip_only not set, image %s defaults to false", [version])} if {
	some c in input.resource.cluster_config
	some s in c.software_config
	version := s.image_version
	is_string(version)
	regex.match(old_image, version)
	some holder in internal_ip_unset(c)
}

# internal_ip_unset(c): the block that lacks internal_ip_only (gce_cluster_config, or
# cluster_config when it has no gce_cluster_config).
internal_ip_unset(c) := {c} if {
	lib.missing(c, "gce_cluster_config")
} else := {g | some g in c.gce_cluster_config; lib.missing(g, "internal_ip_only")}

# METADATA
# title: Vertex AI endpoint is public
# description: |
#   A google_vertex_ai_endpoint has no network (VPC peering) and no
#   private_service_connect_config with enable_private_service_connect = true: its
#   prediction API is served on a public address, reachable from anywhere by anyone who
#   holds, or steals, a credential with predict permission. Not reported when a value it
#   depends on is unknown.
# related_resources:
# - https://cloud.google.com/vertex-ai/docs/predictions/using-private-endpoints
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/vertex_ai_endpoint#network
# custom:
#   id: TG-GCP-145
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Set network to a peered VPC network, or private_service_connect_config { enable_private_service_connect = true, project_allowlist = [...] } (the endpoint is recreated).
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_vertex_ai_endpoint"
	r := input.resource
	lib.missing(r, "network")
	not private_service_connect(r)
	msg := sprintf("Vertex AI endpoint %q is public (no network and no Private Service Connect)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

private_service_connect(r) if lib.unknown(r, "private_service_connect_config")

private_service_connect(r) if {
	some p in r.private_service_connect_config
	lib.is_true(p.enable_private_service_connect)
}

private_service_connect(r) if {
	some p in r.private_service_connect_config
	lib.unknown(p, "enable_private_service_connect")
}
