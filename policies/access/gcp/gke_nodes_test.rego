package tollgate.access.gcp.gke_nodes_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.gke_nodes
import rego.v1

path := "k8s/nodes.tf"

# resource "google_container_node_pool" "pool" {     # line 1
#   cluster = "main"                                # line 2
#   node_config {                                   # line 3
#     service_account = SA                          # line 4
#     workload_metadata_config {                    # line 5
#       mode = MODE                                 # line 6
#     }                                             # line 7
#   }                                               # line 8
# }                                                 # line 9
metadata(mode) := [fx.block(path, 5, 7, {"mode": mode}, {"mode": 6})]

node_config(fields) := [fx.block(path, 3, 8, fields, {"service_account": 4})]

pool(fields) := fx.resource("google_container_node_pool", "pool", fx.block(path, 1, 9, object.union({"cluster": "main"}, fields), {"cluster": 2}))

good_config := {"service_account": "nodes@acme.iam.gserviceaccount.com", "workload_metadata_config": metadata("GKE_METADATA")}

# resource "google_container_cluster" "main" {       # line 1
#   name                     = "acme"               # line 2
#   remove_default_node_pool = REMOVE               # line 3
#   enable_autopilot         = AUTOPILOT            # line 4
#   node_config { ... }                             # lines 5-10
#   cluster_autoscaling {                           # line 11
#     enabled = true                                # line 12
#     auto_provisioning_defaults {                  # line 13
#       service_account = SA                        # line 14
#     }                                             # line 15
#   }                                               # line 16
#   binary_authorization {                          # line 17
#     evaluation_mode = MODE                        # line 18
#   }                                               # line 19
#   master_authorized_networks_config {             # line 20
#     cidr_blocks {                                 # line 21
#       cidr_block = CIDR                           # line 22
#     }                                             # line 23
#   }                                               # line 24
#   private_cluster_config {                        # line 25
#     enable_private_endpoint = PRIVATE             # line 26
#   }                                               # line 27
# }                                                 # line 28
cluster_node_config(fields) := [fx.block(path, 5, 10, fields, {"service_account": 6})]

autoscaling(sa) := [fx.block(path, 11, 16, {"enabled": true, "auto_provisioning_defaults": [fx.block(path, 13, 15, {"service_account": sa}, {"service_account": 14})]}, {"enabled": 12})]

binauthz(mode) := [fx.block(path, 17, 19, {"evaluation_mode": mode}, {"evaluation_mode": 18})]

authorized(cidr) := [fx.block(path, 20, 24, {"cidr_blocks": [fx.block(path, 21, 23, {"cidr_block": cidr}, {"cidr_block": 22})]}, {})]

private(on) := [fx.block(path, 25, 27, {"enable_private_endpoint": on}, {"enable_private_endpoint": 26})]

cluster_base := {
	"name": "acme",
	"node_config": cluster_node_config({"service_account": "nodes@acme.iam.gserviceaccount.com"}),
	"binary_authorization": binauthz("PROJECT_SINGLETON_POLICY_ENFORCE"),
	"master_authorized_networks_config": authorized("10.0.0.0/24"),
}

cluster_body(fields) := fx.block(path, 1, 28, fx.override(cluster_base, fields), {"name": 2, "remove_default_node_pool": 3, "enable_autopilot": 4})

cluster(fields) := fx.resource("google_container_cluster", "main", cluster_body(fields))

cluster_without(keys) := fx.resource("google_container_cluster", "main", object.remove(cluster_body({}), keys))

test_compliant_pool_and_cluster if {
	count(gke_nodes.deny) == 0 with input as pool({"node_config": node_config(good_config)})
	count(gke_nodes.deny) == 0 with input as cluster({})
}

# TG-GCP-130

test_tg_gcp_130_violation if {
	findings := gke_nodes.deny with input as pool({"node_config": node_config({"workload_metadata_config": metadata("GKE_METADATA")})})
	some f in findings
	f.rule_id == "TG-GCP-130"
	f.location == fx.span(path, 3, 8)
	f.message == `node pool "pool" runs as the default Compute Engine service account (service_account not set)`
}

test_tg_gcp_130_pool_default_email if {
	findings := gke_nodes.deny with input as pool({"node_config": node_config({"service_account": "123-compute@developer.gserviceaccount.com"})})
	some f in findings
	f.rule_id == "TG-GCP-130"
	f.location == fx.loc(path, 4)
}

test_tg_gcp_130_pool_without_node_config if {
	findings := gke_nodes.deny with input as pool({})
	some f in findings
	f.rule_id == "TG-GCP-130"
	f.location == fx.span(path, 1, 9)
}

test_tg_gcp_130_default_pool if {
	findings := gke_nodes.deny with input as cluster({"node_config": cluster_node_config({"service_account": "default"})})
	some f in findings
	f.rule_id == "TG-GCP-130"
	f.location == fx.loc(path, 6)
	f.message == `GKE cluster "main" default node pool runs as the default Compute Engine service account (service_account = "default")`
}

test_tg_gcp_130_removed_default_pool_ok if {
	c := cluster({"remove_default_node_pool": true, "node_config": cluster_node_config({})})
	count(fx.ids(gke_nodes.deny, "TG-GCP-130")) == 0 with input as c
}

test_tg_gcp_130_unknown_service_account_ok if {
	cfg := fx.unknown(cluster_node_config({"service_account": "x"})[0], "service_account", 6)
	count(fx.ids(gke_nodes.deny, "TG-GCP-130")) == 0 with input as cluster({"node_config": [cfg]})
}

test_tg_gcp_130_autopilot_defaults if {
	c := cluster_without(["node_config"])
	findings := gke_nodes.deny with input as json.patch(c, [{"op": "add", "path": "/resource/enable_autopilot", "value": true}])
	some f in findings
	f.rule_id == "TG-GCP-130"
	f.location == fx.span(path, 1, 28)
	count(fx.ids(findings, "TG-GCP-130")) == 1
}

test_tg_gcp_130_autoprovisioning_default_account if {
	findings := gke_nodes.deny with input as cluster({"cluster_autoscaling": autoscaling("default")})
	some f in findings
	f.rule_id == "TG-GCP-130"
	f.location == fx.loc(path, 14)
}

test_tg_gcp_130_compliant if {
	c := cluster({"cluster_autoscaling": autoscaling("nodes@acme.iam.gserviceaccount.com")})
	count(fx.ids(gke_nodes.deny, "TG-GCP-130")) == 0 with input as c
}

# TG-GCP-131

test_tg_gcp_131_violation if {
	findings := gke_nodes.deny with input as pool({"node_config": node_config(object.union(good_config, {"workload_metadata_config": metadata("GCE_METADATA")}))})
	some f in findings
	f.rule_id == "TG-GCP-131"
	f.location == fx.loc(path, 6)
	f.message == `node pool "pool" exposes the node metadata server to pods (mode = "GCE_METADATA")`
}

test_tg_gcp_131_compliant if {
	count(fx.ids(gke_nodes.deny, "TG-GCP-131")) == 0 with input as pool({"node_config": node_config({"service_account": "n@acme.iam.gserviceaccount.com"})})
}

# TG-GCP-132

test_tg_gcp_132_violation if {
	findings := gke_nodes.deny with input as cluster({"binary_authorization": binauthz("DISABLED")})
	some f in findings
	f.rule_id == "TG-GCP-132"
	f.location == fx.loc(path, 18)
	f.message == `GKE cluster "main" does not enforce Binary Authorization (evaluation_mode = "DISABLED")`
}

test_tg_gcp_132_absent if {
	findings := gke_nodes.deny with input as cluster_without(["binary_authorization"])
	some f in findings
	f.rule_id == "TG-GCP-132"
	f.location == fx.span(path, 1, 28)
}

test_tg_gcp_132_compliant if {
	b := fx.unknown(binauthz("x")[0], "evaluation_mode", 18)
	count(fx.ids(gke_nodes.deny, "TG-GCP-132")) == 0 with input as cluster({"binary_authorization": [b]})
}

# TG-GCP-133

test_tg_gcp_133_violation if {
	findings := gke_nodes.deny with input as cluster({"master_authorized_networks_config": authorized("203.0.113.0/24")})
	some f in findings
	f.rule_id == "TG-GCP-133"
	f.location == fx.loc(path, 22)
	f.message == `GKE cluster "main" control plane authorizes the public network 203.0.113.0/24`
}

test_tg_gcp_133_compliant if {
	c := cluster({"master_authorized_networks_config": authorized("203.0.113.0/24"), "private_cluster_config": private(true)})
	count(fx.ids(gke_nodes.deny, "TG-GCP-133")) == 0 with input as c
}

test_tg_gcp_133_any_address_left_to_021 if {
	count(fx.ids(gke_nodes.deny, "TG-GCP-133")) == 0 with input as cluster({"master_authorized_networks_config": authorized("0.0.0.0/0")})
}

test_tg_gcp_133_invalid_cidr_ok if {
	count(fx.ids(gke_nodes.deny, "TG-GCP-133")) == 0 with input as cluster({"master_authorized_networks_config": authorized("not-a-cidr")})
}
