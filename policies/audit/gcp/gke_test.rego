package tollgate.audit.gcp.gke_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.gke
import rego.v1

path := "k8s/gke.tf"

# resource "google_container_cluster" "main" {   # line 1
#   name               = "acme"                 # line 2
#   logging_service    = LOGGING                # line 3
#   monitoring_service = MONITORING             # line 4
#   logging_config {                            # line 5
#     enable_components = COMPONENTS            # line 6
#   }                                           # line 7
# }                                             # line 8
cluster(fields) := fx.resource("google_container_cluster", "main", fx.block(path, 1, 8, object.union({"name": "acme"}, fields), {"name": 2, "logging_service": 3, "monitoring_service": 4}))

test_tg_gcp_076_violation if {
	findings := gke.deny with input as cluster({"logging_service": "none"})
	some f in findings
	f.rule_id == "TG-GCP-076"
	f.location == fx.loc(path, 3)
	f.message == `GKE cluster "main" has logging disabled (logging_service = "none")`
}

test_tg_gcp_076_compliant if {
	count(fx.ids(gke.deny, "TG-GCP-076")) == 0 with input as cluster({})
	defaults := {"logging_service": "logging.googleapis.com/kubernetes", "monitoring_service": "monitoring.googleapis.com/kubernetes"}
	count(fx.ids(gke.deny, "TG-GCP-076")) == 0 with input as cluster(defaults)
}

test_tg_gcp_076_monitoring_and_components_fire if {
	findings := gke.deny with input as cluster({"monitoring_service": "none"})
	some f in findings
	f.message == `GKE cluster "main" has monitoring disabled (monitoring_service = "none")`
	config := [fx.block(path, 5, 7, {"enable_components": []}, {"enable_components": 6})]
	components := gke.deny with input as cluster({"logging_config": config})
	some g in components
	g.rule_id == "TG-GCP-076"
	g.location == fx.loc(path, 6)
}
