package tollgate.access.gcp.data_services_test

import data.tollgate.access.gcp.data_services
import data.tollgate.access.gcp.fixtures_test as fx
import rego.v1

path := "data/dataproc.tf"

# resource "google_dataproc_cluster" "etl" {     # line 1
#   name = "etl"                                # line 2
#   cluster_config {                            # line 3
#     software_config {                         # line 4
#       image_version = VERSION                 # line 5
#     }                                         # line 6
#     gce_cluster_config {                      # line 7
#       internal_ip_only = INTERNAL             # line 8
#     }                                         # line 9
#   }                                           # line 10
# }                                             # line 11
software(version) := [fx.block(path, 4, 6, {"image_version": version}, {"image_version": 5})]

gce(fields) := [fx.block(path, 7, 9, fields, {"internal_ip_only": 8})]

cluster(config) := fx.resource("google_dataproc_cluster", "etl", fx.block(path, 1, 11, {"name": "etl", "cluster_config": [fx.block(path, 3, 10, config, {})]}, {"name": 2}))

test_tg_gcp_144_violation if {
	findings := data_services.deny with input as cluster({"gce_cluster_config": gce({"internal_ip_only": false})})
	some f in findings
	f.rule_id == "TG-GCP-144"
	f.location == fx.loc(path, 8)
	f.message == `Dataproc cluster "etl" VMs have public IP addresses (internal_ip_only = false)`
}

test_tg_gcp_144_old_image_default if {
	findings := data_services.deny with input as cluster({"software_config": software("2.1-debian11"), "gce_cluster_config": gce({})})
	some f in findings
	f.rule_id == "TG-GCP-144"
	f.location == fx.span(path, 7, 9)
	f.message == `Dataproc cluster "etl" VMs have public IP addresses (internal_ip_only not set, image 2.1-debian11 defaults to false)`
}

test_tg_gcp_144_compliant if {
	count(data_services.deny) == 0 with input as cluster({"gce_cluster_config": gce({"internal_ip_only": true})})
	count(data_services.deny) == 0 with input as cluster({"software_config": software("2.2-debian12")})
	count(data_services.deny) == 0 with input as cluster({})
	count(data_services.deny) == 0 with input as cluster({"software_config": software("2.10-debian12")})
}

# resource "google_vertex_ai_endpoint" "ep" {   # line 20
#   name    = "scoring"                        # line 21
#   network = NETWORK                          # line 22
# }                                            # line 23
endpoint(fields) := fx.resource("google_vertex_ai_endpoint", "ep", fx.block(path, 20, 23, object.union({"name": "scoring"}, fields), {"name": 21, "network": 22}))

test_tg_gcp_145_violation if {
	findings := data_services.deny with input as endpoint({})
	some f in findings
	f.rule_id == "TG-GCP-145"
	f.location == fx.span(path, 20, 23)
	f.message == `Vertex AI endpoint "ep" is public (no network and no Private Service Connect)`
}

test_tg_gcp_145_compliant if {
	count(data_services.deny) == 0 with input as endpoint({"network": "projects/123/global/networks/main"})
	psc := [fx.block(path, 22, 22, {"enable_private_service_connect": true}, {})]
	count(data_services.deny) == 0 with input as endpoint({"private_service_connect_config": psc})
	unknown := fx.unknown(endpoint({})[`resource`], "network", 22)
	count(data_services.deny) == 0 with input as fx.resource("google_vertex_ai_endpoint", "ep", unknown)
}
