package tollgate.access.gcp.gke_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.gke
import rego.v1

path := "k8s/gke.tf"

# resource "google_container_cluster" "main" {         # line 1
#   name                  = "acme"                    # line 2
#   enable_legacy_abac    = ABAC                      # line 3
#   enable_shielded_nodes = SHIELDED                  # line 4
#   datapath_provider     = DATAPATH                  # line 5
#   enable_autopilot      = AUTOPILOT                 # line 6
#   private_cluster_config {                          # line 7
#     enable_private_nodes    = PRIVATE_NODES         # line 8
#     enable_private_endpoint = PRIVATE_ENDPOINT      # line 9
#   }                                                 # line 10
#   master_authorized_networks_config {               # line 11
#     gcp_public_cidrs_access_enabled = GCP_CIDRS     # line 12
#     cidr_blocks {                                   # line 13
#       cidr_block = CIDR                             # line 14
#     }                                               # line 15
#   }                                                 # line 16
#   network_policy {                                  # line 17
#     enabled = POLICY                                # line 18
#   }                                                 # line 19
#   workload_identity_config {                        # line 20
#     workload_pool = "acme-prod.svc.id.goog"         # line 21
#   }                                                 # line 22
#   master_auth {                                     # line 23
#     client_certificate_config {                     # line 24
#       issue_client_certificate = CERT               # line 25
#     }                                               # line 26
#   }                                                 # line 27
# }                                                   # line 28
private_config(fields) := [fx.block(path, 7, 10, fields, {"enable_private_nodes": 8, "enable_private_endpoint": 9})]

authorized(cidr, fields) := [fx.block(path, 11, 16, object.union({"cidr_blocks": [fx.block(path, 13, 15, {"cidr_block": cidr}, {"cidr_block": 14})]}, fields), {"gcp_public_cidrs_access_enabled": 12})]

network_policy(enabled) := [fx.block(path, 17, 19, {"enabled": enabled}, {"enabled": 18})]

workload_identity := [fx.block(path, 20, 22, {"workload_pool": "acme-prod.svc.id.goog"}, {"workload_pool": 21})]

master_auth(cert) := [fx.block(path, 23, 27, {"client_certificate_config": [fx.block(path, 24, 26, {"issue_client_certificate": cert}, {"issue_client_certificate": 25})]}, {})]

compliant := {
	"private_cluster_config": private_config({"enable_private_nodes": true}),
	"master_authorized_networks_config": authorized("203.0.113.0/24", {}),
	"network_policy": network_policy(true),
	"workload_identity_config": workload_identity,
	"master_auth": master_auth(false),
}

cluster_body(fields) := fx.block(path, 1, 28, fx.override(object.union({"name": "acme"}, compliant), fields), {
	"name": 2, "enable_legacy_abac": 3, "enable_shielded_nodes": 4, "datapath_provider": 5, "enable_autopilot": 6,
})

cluster(fields) := fx.resource("google_container_cluster", "main", cluster_body(fields))

without(keys) := fx.resource("google_container_cluster", "main", object.remove(cluster_body({}), keys))

test_compliant_cluster_has_no_findings if {
	count(gke.deny) == 0 with input as cluster({})
}

test_tg_gcp_020_violation if {
	findings := gke.deny with input as cluster({"enable_legacy_abac": true})
	some f in findings
	f.rule_id == "TG-GCP-020"
	f.location == fx.loc(path, 3)
	f.message == `GKE cluster "main" has legacy ABAC enabled (enable_legacy_abac = true)`
}

test_tg_gcp_020_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-020")) == 0 with input as cluster({"enable_legacy_abac": false})
}

test_tg_gcp_021_violation if {
	findings := gke.deny with input as cluster({"master_authorized_networks_config": authorized("0.0.0.0/0", {})})
	some f in findings
	f.rule_id == "TG-GCP-021"
	f.location == fx.loc(path, 14)
	f.message == `GKE cluster "main" control plane is reachable from any address (authorized network 0.0.0.0/0)`
}

test_tg_gcp_021_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-021")) == 0 with input as cluster({})
	private := {"private_cluster_config": private_config({"enable_private_nodes": true, "enable_private_endpoint": true})}
	count(fx.ids(gke.deny, "TG-GCP-021")) == 0 with input as fx.resource("google_container_cluster", "main", object.remove(cluster_body(private), ["master_authorized_networks_config"]))
}

test_tg_gcp_021_missing_config_and_gcp_cidrs_fire if {
	findings := gke.deny with input as without(["master_authorized_networks_config"])
	some f in findings
	f.rule_id == "TG-GCP-021"
	f.location == fx.span(path, 1, 28)
	f.message == `GKE cluster "main" control plane is reachable from any address (no master_authorized_networks_config)`
	gcp := gke.deny with input as cluster({"master_authorized_networks_config": authorized("203.0.113.0/24", {"gcp_public_cidrs_access_enabled": true})})
	some g in gcp
	g.rule_id == "TG-GCP-021"
	g.location == fx.loc(path, 12)
}

test_tg_gcp_021_unknown_does_not_fire if {
	private := [fx.unknown(private_config({"enable_private_nodes": true})[0], "enable_private_endpoint", 9)]
	body := object.remove(cluster_body({"private_cluster_config": private}), ["master_authorized_networks_config"])
	count(fx.ids(gke.deny, "TG-GCP-021")) == 0 with input as fx.resource("google_container_cluster", "main", body)
	dynamic := fx.unknown(cluster_body({}), "master_authorized_networks_config", 11)
	count(fx.ids(gke.deny, "TG-GCP-021")) == 0 with input as fx.resource("google_container_cluster", "main", dynamic)
}

test_tg_gcp_022_violation if {
	findings := gke.deny with input as cluster({"private_cluster_config": private_config({"enable_private_nodes": false})})
	some f in findings
	f.rule_id == "TG-GCP-022"
	f.location == fx.loc(path, 8)
	f.message == `GKE cluster "main" nodes have public IP addresses (enable_private_nodes = false)`
}

test_tg_gcp_022_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-022")) == 0 with input as cluster({})
}

test_tg_gcp_022_defaults_fire if {
	findings := gke.deny with input as without(["private_cluster_config"])
	some f in findings
	f.rule_id == "TG-GCP-022"
	f.location == fx.span(path, 1, 28)
	f.message == `GKE cluster "main" nodes have public IP addresses (no private_cluster_config)`
	count(fx.ids(gke.deny, "TG-GCP-022")) == 1 with input as cluster({"private_cluster_config": private_config({})})
}

test_tg_gcp_022_unknown_does_not_fire if {
	private := [fx.unknown(private_config({})[0], "enable_private_nodes", 8)]
	count(fx.ids(gke.deny, "TG-GCP-022")) == 0 with input as cluster({"private_cluster_config": private})
}

test_tg_gcp_023_violation if {
	findings := gke.deny with input as cluster({"network_policy": network_policy(false)})
	some f in findings
	f.rule_id == "TG-GCP-023"
	f.location == fx.loc(path, 18)
	f.message == `GKE cluster "main" does not enforce network policies (enabled = false)`
}

test_tg_gcp_023_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-023")) == 0 with input as cluster({})
	v2 := fx.resource("google_container_cluster", "main", object.remove(cluster_body({"datapath_provider": "ADVANCED_DATAPATH"}), ["network_policy"]))
	count(fx.ids(gke.deny, "TG-GCP-023")) == 0 with input as v2
	autopilot := fx.resource("google_container_cluster", "main", object.remove(cluster_body({"enable_autopilot": true}), ["network_policy"]))
	count(fx.ids(gke.deny, "TG-GCP-023")) == 0 with input as autopilot
}

test_tg_gcp_023_missing_block_fires if {
	findings := gke.deny with input as without(["network_policy"])
	some f in findings
	f.rule_id == "TG-GCP-023"
	f.location == fx.span(path, 1, 28)
	f.message == `GKE cluster "main" does not enforce network policies (no network_policy block and no Dataplane V2)`
}

test_tg_gcp_024_violation if {
	findings := gke.deny with input as without(["workload_identity_config"])
	some f in findings
	f.rule_id == "TG-GCP-024"
	f.location == fx.span(path, 1, 28)
	f.message == `GKE cluster "main" does not use Workload Identity (no workload_identity_config)`
}

test_tg_gcp_024_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-024")) == 0 with input as cluster({})
	autopilot := fx.resource("google_container_cluster", "main", object.remove(cluster_body({"enable_autopilot": true}), ["workload_identity_config"]))
	count(fx.ids(gke.deny, "TG-GCP-024")) == 0 with input as autopilot
}

test_tg_gcp_024_empty_config_fires if {
	findings := gke.deny with input as cluster({"workload_identity_config": [fx.block(path, 20, 22, {}, {})]})
	some f in findings
	f.rule_id == "TG-GCP-024"
	f.location == fx.span(path, 20, 22)
}

test_tg_gcp_025_violation if {
	findings := gke.deny with input as cluster({"master_auth": master_auth(true)})
	some f in findings
	f.rule_id == "TG-GCP-025"
	f.location == fx.loc(path, 25)
	f.message == `GKE cluster "main" issues a cluster-admin client certificate (issue_client_certificate = true)`
}

test_tg_gcp_025_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-025")) == 0 with input as cluster({})
}

test_tg_gcp_026_violation if {
	findings := gke.deny with input as cluster({"enable_shielded_nodes": false})
	some f in findings
	f.rule_id == "TG-GCP-026"
	f.location == fx.loc(path, 4)
	f.message == `GKE cluster "main" has Shielded Nodes disabled (enable_shielded_nodes = false)`
}

test_tg_gcp_026_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-026")) == 0 with input as cluster({"enable_shielded_nodes": true})
	count(fx.ids(gke.deny, "TG-GCP-026")) == 0 with input as cluster({})
}
