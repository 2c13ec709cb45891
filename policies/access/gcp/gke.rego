package tollgate.access.gcp.gke

import data.tollgate.lib
import rego.v1

# METADATA
# title: GKE cluster has legacy ABAC enabled
# description: |
#   enable_legacy_abac = true on a google_container_cluster: the legacy attribute-based
#   access control grants broad, static permissions (every service account of the
#   cluster can be made cluster admin) alongside Kubernetes RBAC, which it overrides.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_legacy_abac
# custom:
#   id: TG-GCP-020
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Set enable_legacy_abac = false (the default) and grant access with Kubernetes RBAC and IAM.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "google_container_cluster"
	r := input.resource
	lib.is_true(r.enable_legacy_abac)
	msg := sprintf("GKE cluster %q has legacy ABAC enabled (enable_legacy_abac = true)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enable_legacy_abac"), msg)
}

# METADATA
# title: GKE control plane is reachable from any address
# description: |
#   The google_container_cluster has a public control plane endpoint (no private endpoint)
#   and either no master_authorized_networks_config, an authorized network of 0.0.0.0/0,
#   or gcp_public_cidrs_access_enabled = true (every Google Cloud public IP, i.e. any
#   customer's VM): the Kubernetes API, its authentication and every API server
#   vulnerability are exposed far beyond the administration networks. Not reported when a
#   value it depends on is unknown.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_authorized_networks_config
# custom:
#   id: TG-GCP-021
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Add master_authorized_networks_config with cidr_blocks for the administration networks only, or set private_cluster_config { enable_private_endpoint = true }.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_container_cluster"
	r := input.resource
	not private_endpoint(r)
	some v in open_control_plane
	msg := sprintf("GKE cluster %q control plane is reachable from any address (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

private_endpoint(r) if {
	some config in r.private_cluster_config
	lib.is_true(config.enable_private_endpoint)
}

private_endpoint(r) if {
	some config in r.private_cluster_config
	lib.unknown(config, "enable_private_endpoint")
}

private_endpoint(r) if lib.unknown(r, "private_cluster_config")

open_control_plane contains v if {
	r := input.resource
	lib.missing(r, "master_authorized_networks_config")
	v := {"location": lib.loc(r), "problem": "no master_authorized_networks_config"}
}

open_control_plane contains v if {
	some config in input.resource.master_authorized_networks_config
	some block in config.cidr_blocks
	block.cidr_block in {"0.0.0.0/0", "::/0"}
	v := {"location": lib.attr_loc(block, "cidr_block"), "problem": sprintf("authorized network %s", [block.cidr_block])}
}

open_control_plane contains v if {
	some config in input.resource.master_authorized_networks_config
	lib.is_true(config.gcp_public_cidrs_access_enabled)
	v := {"location": lib.attr_loc(config, "gcp_public_cidrs_access_enabled"), "problem": "gcp_public_cidrs_access_enabled = true"}
}

# METADATA
# title: GKE nodes have public IP addresses
# description: |
#   The google_container_cluster has no private_cluster_config, or its
#   enable_private_nodes is false or not set: every node gets an external IP address, so
#   the kubelet, node ports and any host-network workload are one firewall mistake away
#   from the internet.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_private_nodes
# custom:
#   id: TG-GCP-022
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set private_cluster_config { enable_private_nodes = true, master_ipv4_cidr_block = "172.16.0.0/28" } and give nodes egress through Cloud NAT.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_container_cluster"
	r := input.resource
	v := public_nodes(r)
	msg := sprintf("GKE cluster %q nodes have public IP addresses (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

public_nodes(r) := {"location": lib.loc(r), "problem": "no private_cluster_config"} if {
	lib.missing(r, "private_cluster_config")
} else := v if {
	some config in r.private_cluster_config
	problem := flag_off(config, "enable_private_nodes")
	v := {"location": lib.attr_loc(config, "enable_private_nodes"), "problem": problem}
}

autopilot(r) if lib.is_true(r.enable_autopilot)

autopilot(r) if lib.unknown(r, "enable_autopilot")

# METADATA
# title: GKE cluster does not enforce network policies
# description: |
#   A Standard google_container_cluster has neither network_policy { enabled = true } nor
#   GKE Dataplane V2 (datapath_provider = "ADVANCED_DATAPATH"): Kubernetes NetworkPolicy
#   objects are silently ignored, so every pod can reach every other pod and a single
#   compromised workload can move laterally across the cluster. Autopilot clusters always
#   use Dataplane V2 and are not reported.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy
# - https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2
# custom:
#   id: TG-GCP-023
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set datapath_provider = "ADVANCED_DATAPATH" on new clusters, or network_policy { enabled = true } with addons_config { network_policy_config { disabled = false } }, then write NetworkPolicies.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_container_cluster"
	r := input.resource
	not autopilot(r)
	not dataplane_v2(r)
	v := network_policy_off(r)
	msg := sprintf("GKE cluster %q does not enforce network policies (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

dataplane_v2(r) if r.datapath_provider == "ADVANCED_DATAPATH"

dataplane_v2(r) if lib.unknown(r, "datapath_provider")

network_policy_off(r) := {"location": lib.loc(r), "problem": "no network_policy block and no Dataplane V2"} if {
	lib.missing(r, "network_policy")
} else := v if {
	some policy in r.network_policy
	problem := flag_off(policy, "enabled")
	v := {"location": lib.attr_loc(policy, "enabled"), "problem": problem}
}

# METADATA
# title: GKE cluster does not use Workload Identity
# description: |
#   A Standard google_container_cluster has no workload_identity_config (or no
#   workload_pool in it): pods reach Google APIs as the node's service account, through the
#   node metadata server, so every workload of a node shares its permissions and can read
#   the node's credentials. Autopilot clusters always use Workload Identity and are not
#   reported.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#workload_identity_config
# custom:
#   id: TG-GCP-024
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set workload_identity_config { workload_pool = "PROJECT_ID.svc.id.goog" }, node_config { workload_metadata_config { mode = "GKE_METADATA" } } on the node pools, and bind Kubernetes service accounts to IAM service accounts.
#   frameworks:
#     nist-800-53: ["AC-6", "IA-5"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type == "google_container_cluster"
	r := input.resource
	not autopilot(r)
	v := no_workload_identity(r)
	msg := sprintf("GKE cluster %q does not use Workload Identity (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

no_workload_identity(r) := {"location": lib.loc(r), "problem": "no workload_identity_config"} if {
	lib.missing(r, "workload_identity_config")
} else := v if {
	some config in r.workload_identity_config
	unset(config, "workload_pool")
	v := {"location": lib.loc(config), "problem": "workload_identity_config has no workload_pool"}
}

# METADATA
# title: GKE cluster issues a client certificate
# description: |
#   master_auth.client_certificate_config.issue_client_certificate = true on a
#   google_container_cluster: a long-lived client certificate with cluster-admin rights is
#   created and stored in the cluster resource and the Terraform state, cannot be revoked
#   other than by rotating the cluster's credentials, and bypasses IAM.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#issue_client_certificate
# custom:
#   id: TG-GCP-025
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set issue_client_certificate = false (or remove the master_auth block) and authenticate with IAM (gcloud credentials).
#   frameworks:
#     nist-800-53: ["IA-2", "IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.2.2"]
deny contains finding if {
	input.type == "google_container_cluster"
	some auth in input.resource.master_auth
	some config in auth.client_certificate_config
	lib.is_true(config.issue_client_certificate)
	msg := sprintf("GKE cluster %q issues a cluster-admin client certificate (issue_client_certificate = true)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, "issue_client_certificate"), msg)
}

# METADATA
# title: GKE Shielded Nodes are disabled
# description: |
#   enable_shielded_nodes = false on a google_container_cluster: nodes do not prove their
#   identity with a vTPM-backed, verifiable boot, so an attacker who steals a node's
#   bootstrap credentials can impersonate a node and read the secrets of the pods
#   scheduled to it.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_shielded_nodes
# custom:
#   id: TG-GCP-026
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set enable_shielded_nodes = true (the default).
#   frameworks:
#     nist-800-53: ["SI-7", "IA-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "google_container_cluster"
	r := input.resource
	lib.is_false(r.enable_shielded_nodes)
	msg := sprintf("GKE cluster %q has Shielded Nodes disabled (enable_shielded_nodes = false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enable_shielded_nodes"), msg)
}

flag_off(obj, key) := sprintf("%s = false", [key]) if {
	lib.is_false(obj[key])
} else := sprintf("%s not set, default false", [key]) if {
	unset(obj, key)
}

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
