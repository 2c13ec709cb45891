package tollgate.access.gcp.gke_nodes

import data.tollgate.lib
import rego.v1

# Node configurations of the document: {config, location, what} for the node_config of a
# google_container_node_pool, the node_config of each node_pool block of a cluster, and
# the node_config of a cluster's default node pool (created unless node_pool blocks are
# given or remove_default_node_pool is true). config is null when the block is absent.
node_configs contains {"config": c, "location": lib.loc(c), "what": sprintf("node pool %q", [input.name])} if {
	input.type == "google_container_node_pool"
	some c in input.resource.node_config
}

node_configs contains {"config": null, "location": lib.loc(input.resource), "what": sprintf("node pool %q", [input.name])} if {
	input.type == "google_container_node_pool"
	lib.missing(input.resource, "node_config")
}

node_configs contains {"config": c, "location": lib.loc(c), "what": sprintf("GKE cluster %q node pool %s", [input.name, pool_name(pool)])} if {
	input.type == "google_container_cluster"
	not autopilot(input.resource)
	some pool in input.resource.node_pool
	some c in pool.node_config
}

node_configs contains {"config": null, "location": lib.loc(pool), "what": sprintf("GKE cluster %q node pool %s", [input.name, pool_name(pool)])} if {
	input.type == "google_container_cluster"
	not autopilot(input.resource)
	some pool in input.resource.node_pool
	lib.missing(pool, "node_config")
}

node_configs contains {"config": c, "location": lib.loc(c), "what": sprintf("GKE cluster %q default node pool", [input.name])} if {
	default_pool(input.resource)
	some c in input.resource.node_config
}

node_configs contains {"config": null, "location": lib.loc(input.resource), "what": sprintf("GKE cluster %q default node pool", [input.name])} if {
	default_pool(input.resource)
	lib.missing(input.resource, "node_config")
}

pool_name(pool) := sprintf("%q", [pool.name]) if is_string(pool.name) else := "(unnamed)"

autopilot(r) if lib.is_true(r.enable_autopilot)

autopilot(r) if lib.unknown(r, "enable_autopilot")

# default_pool(r): the Standard cluster r gets its default node pool.
default_pool(r) if {
	input.type == "google_container_cluster"
	not autopilot(r)
	lib.missing(r, "node_pool")
	not keeps_no_default_pool(r)
}

keeps_no_default_pool(r) if lib.is_true(r.remove_default_node_pool)

keeps_no_default_pool(r) if lib.unknown(r, "remove_default_node_pool")

# default_account(obj, key): the service account obj[key] is the project's Compute
# Engine default account: left out, "default" or PROJECT_NUMBER-compute@....
default_account(obj, key) if lib.missing(obj, key)

default_account(obj, key) if obj[key] == null

default_account(obj, key) if obj[key] in {"", "default"}

default_account(obj, key) if {
	is_string(obj[key])
	endswith(obj[key], "-compute@developer.gserviceaccount.com")
}

account_problem(obj, key) := sprintf("%s not set", [key]) if {
	not lib.has_key(obj, key)
} else := sprintf("%s = %q", [key, obj[key]])

# METADATA
# title: GKE nodes run as the default Compute Engine service account
# description: |
#   The nodes of a GKE node pool (a google_container_node_pool, a node_pool block or the
#   default node pool of a google_container_cluster), or the nodes Autopilot and node
#   auto-provisioning create, have no service_account or use the project's Compute Engine
#   default account: that account holds the Editor role on the project unless it was
#   restricted, and every pod that can reach the node's metadata server can act with it.
#   Not reported when remove_default_node_pool is true for the default pool, nor when a
#   value it depends on is unknown.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#service_account
# custom:
#   id: TG-GCP-130
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Create a google_service_account with only roles/container.defaultNodeServiceAccount (logging and monitoring) and set node_config { service_account = google_service_account.nodes.email } (cluster_autoscaling.auto_provisioning_defaults.service_account for Autopilot and auto-provisioning).
#   frameworks:
#     cis-gcp-2.0: ["4.1"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"google_container_cluster", "google_container_node_pool"}
	some v in default_account_nodes
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

default_account_nodes contains v if {
	some n in node_configs
	n.config == null
	v := {"location": n.location, "message": sprintf("%s runs as the default Compute Engine service account (no node_config)", [n.what])}
}

default_account_nodes contains v if {
	some n in node_configs
	n.config != null
	default_account(n.config, "service_account")
	v := {"location": lib.attr_loc(n.config, "service_account"), "message": sprintf("%s runs as the default Compute Engine service account (%s)", [n.what, account_problem(n.config, "service_account")])}
}

default_account_nodes contains v if {
	input.type == "google_container_cluster"
	p := provisioned_default_account(input.resource)
	v := {"location": p.location, "message": sprintf("GKE cluster %q provisions nodes with the default Compute Engine service account (%s)", [input.name, p.problem])}
}

# Autopilot, or node auto-provisioning (cluster_autoscaling.enabled), creates node pools
# with cluster_autoscaling.auto_provisioning_defaults.service_account.
provisions_nodes(r) if lib.is_true(r.enable_autopilot)

provisions_nodes(r) if {
	some a in r.cluster_autoscaling
	lib.is_true(a.enabled)
}

provisioned_default_account(r) := v if {
	provisions_nodes(r)
	lib.missing(r, "cluster_autoscaling")
	v := {"location": lib.loc(r), "problem": "no cluster_autoscaling.auto_provisioning_defaults"}
} else := v if {
	provisions_nodes(r)
	some a in r.cluster_autoscaling
	lib.missing(a, "auto_provisioning_defaults")
	v := {"location": lib.loc(a), "problem": "no auto_provisioning_defaults"}
} else := v if {
	provisions_nodes(r)
	some a in r.cluster_autoscaling
	some d in a.auto_provisioning_defaults
	default_account(d, "service_account")
	v := {"location": lib.attr_loc(d, "service_account"), "problem": account_problem(d, "service_account")}
}

# METADATA
# title: GKE node metadata is exposed to workloads
# description: |
#   The workload_metadata_config of a GKE node pool's node_config sets mode =
#   "GCE_METADATA" (or the removed node_metadata = "EXPOSE"): pods reach the node's
#   Compute Engine metadata server directly, so any workload can read the node's service
#   account token and the kubelet's bootstrap credentials. Left unset, the mode follows the
#   cluster's Workload Identity setting (TG-GCP-024).
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#workload_metadata_config
# custom:
#   id: TG-GCP-131
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Set workload_metadata_config { mode = "GKE_METADATA" } in node_config, with workload_identity_config on the cluster.
#   frameworks:
#     nist-800-53: ["AC-6", "SC-4"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"google_container_cluster", "google_container_node_pool"}
	some n in node_configs
	n.config != null
	some w in n.config.workload_metadata_config
	some key in ["mode", "node_metadata"]
	w[key] in {"GCE_METADATA", "EXPOSE"}
	msg := sprintf("%s exposes the node metadata server to pods (%s = %q)", [n.what, key, w[key]])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(w, key), msg)
}

# METADATA
# title: GKE cluster does not enforce Binary Authorization
# description: |
#   A google_container_cluster has no binary_authorization block with an enforcing
#   evaluation_mode (PROJECT_SINGLETON_POLICY_ENFORCE or a policy bindings mode), nor the
#   legacy enabled = true: any image, signed or not, from any registry, can be deployed to
#   the cluster. Not reported when a value it depends on is unknown.
# related_resources:
# - https://cloud.google.com/binary-authorization/docs/setting-up
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#binary_authorization
# custom:
#   id: TG-GCP-132
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Add binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" } and define the project's google_binary_authorization_policy.
#   frameworks:
#     nist-800-53: ["CM-14", "SI-7"]
#     soc2: ["CC7.1"]
#     pci-dss-4.0: ["6.3.2"]
deny contains finding if {
	input.type == "google_container_cluster"
	v := no_binary_authorization(input.resource)
	msg := sprintf("GKE cluster %q does not enforce Binary Authorization (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

enforcing_modes := {"PROJECT_SINGLETON_POLICY_ENFORCE", "POLICY_BINDINGS", "POLICY_BINDINGS_AND_PROJECT_SINGLETON_POLICY_ENFORCE"}

legacy_binauthz(r) if lib.is_true(r.enable_binary_authorization)

legacy_binauthz(r) if lib.unknown(r, "enable_binary_authorization")

no_binary_authorization(r) := {"location": lib.loc(r), "problem": "no binary_authorization block"} if {
	lib.missing(r, "binary_authorization")
	not legacy_binauthz(r)
} else := v if {
	not legacy_binauthz(r)
	some b in r.binary_authorization
	not binauthz_on(b)
	v := binauthz_off(b)
}

binauthz_on(b) if b.evaluation_mode in enforcing_modes

binauthz_on(b) if lib.unknown(b, "evaluation_mode")

binauthz_on(b) if lib.is_true(b.enabled)

binauthz_on(b) if lib.unknown(b, "enabled")

binauthz_off(b) := {"location": lib.attr_loc(b, "evaluation_mode"), "problem": sprintf("evaluation_mode = %q", [b.evaluation_mode])} if {
	is_string(b.evaluation_mode)
} else := {"location": lib.attr_loc(b, "enabled"), "problem": "enabled = false"} if {
	lib.is_false(b.enabled)
} else := {"location": lib.loc(b), "problem": "no evaluation_mode"}

# METADATA
# title: GKE control plane authorizes a public network
# description: |
#   A master_authorized_networks_config of a google_container_cluster whose control plane
#   has a public endpoint lists a cidr_block outside the private address ranges (RFC 1918,
#   100.64.0.0/10, loopback, link-local, IPv6 unique-local): the Kubernetes API accepts
#   connections from those internet addresses, for example from an office or a CI
#   provider's shared egress range. 0.0.0.0/0 is reported by TG-GCP-021. Not reported when
#   private_cluster_config.enable_private_endpoint is true.
# related_resources:
# - https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#cidr_blocks
# custom:
#   id: TG-GCP-133
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Reach the control plane through a private endpoint (enable_private_endpoint = true, from a bastion, VPN or Interconnect) and authorize private ranges only.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_container_cluster"
	r := input.resource
	not private_endpoint(r)
	some config in r.master_authorized_networks_config
	some block in config.cidr_blocks
	cidr := block.cidr_block
	is_string(cidr)
	not cidr in {"0.0.0.0/0", "::/0"}
	net.cidr_is_valid(cidr)
	not private_cidr(cidr)
	msg := sprintf("GKE cluster %q control plane authorizes the public network %s", [input.name, cidr])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(block, "cidr_block"), msg)
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

private_ranges := [
	"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
	"169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128",
]

private_cidr(cidr) if {
	some range in private_ranges
	net.cidr_contains(range, cidr)
}
