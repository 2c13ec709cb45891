package tollgate.audit.gcp.network_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.network
import rego.v1

path := "network/vpc.tf"

# resource "google_compute_subnetwork" "app" {     # line 1
#   name          = "app"                         # line 2
#   ip_cidr_range = "10.0.0.0/20"                 # line 3
#   purpose       = PURPOSE                       # line 4
#   log_config {                                  # line 5
#     aggregation_interval = "INTERVAL_5_SEC"     # line 6
#   }                                             # line 7
# }                                               # line 8
subnet_body(fields) := fx.block(path, 1, 8, object.union({"name": "app", "ip_cidr_range": "10.0.0.0/20"}, fields), {"name": 2, "ip_cidr_range": 3, "purpose": 4})

subnet(fields) := fx.resource("google_compute_subnetwork", "app", subnet_body(fields))

log_config := [fx.block(path, 5, 7, {"aggregation_interval": "INTERVAL_5_SEC"}, {"aggregation_interval": 6})]

test_tg_gcp_073_violation if {
	findings := network.deny with input as subnet({})
	some f in findings
	f.rule_id == "TG-GCP-073"
	f.location == fx.span(path, 1, 8)
	f.message == `subnetwork "app" has no VPC flow logs (no log_config block)`
}

test_tg_gcp_073_compliant if {
	count(fx.ids(network.deny, "TG-GCP-073")) == 0 with input as subnet({"log_config": log_config})
	count(fx.ids(network.deny, "TG-GCP-073")) == 0 with input as subnet({"purpose": "REGIONAL_MANAGED_PROXY"})
	count(fx.ids(network.deny, "TG-GCP-073")) == 1 with input as subnet({"purpose": "PRIVATE"})
}

test_tg_gcp_073_unknown_does_not_fire if {
	body := fx.unknown(subnet_body({}), "purpose", 4)
	count(fx.ids(network.deny, "TG-GCP-073")) == 0 with input as fx.resource("google_compute_subnetwork", "app", body)
}

# resource "google_dns_policy" "default" {   # line 10
#   name           = "default"              # line 11
#   enable_logging = LOGGING                # line 12
# }                                         # line 13
dns_policy(fields) := fx.resource("google_dns_policy", "default", fx.block(path, 10, 13, object.union({"name": "default"}, fields), {"name": 11, "enable_logging": 12}))

test_tg_gcp_074_violation if {
	findings := network.deny with input as dns_policy({"enable_logging": false})
	some f in findings
	f.rule_id == "TG-GCP-074"
	f.location == fx.loc(path, 12)
	f.message == `DNS policy "default" does not log queries (enable_logging = false)`
}

test_tg_gcp_074_compliant if {
	count(fx.ids(network.deny, "TG-GCP-074")) == 0 with input as dns_policy({"enable_logging": true})
}

test_tg_gcp_074_default_fires if {
	findings := network.deny with input as dns_policy({})
	some f in findings
	f.rule_id == "TG-GCP-074"
	f.location == fx.span(path, 10, 13)
	f.message == `DNS policy "default" does not log queries (enable_logging not set, default false)`
}

# resource "google_compute_backend_service" "web" {   # line 20
#   name = "web"                                     # line 21
#   log_config {                                     # line 22
#     enable = ENABLE                                # line 23
#   }                                                # line 24
# }                                                  # line 25
backend(fields) := fx.resource("google_compute_backend_service", "web", fx.block(path, 20, 25, object.union({"name": "web"}, fields), {"name": 21}))

backend_log(enable) := [fx.block(path, 22, 24, {"enable": enable}, {"enable": 23})]

test_tg_gcp_075_violation if {
	findings := network.deny with input as backend({"log_config": backend_log(false)})
	some f in findings
	f.rule_id == "TG-GCP-075"
	f.location == fx.loc(path, 23)
	f.message == `backend service "web" does not log requests (enable = false)`
}

test_tg_gcp_075_compliant if {
	count(fx.ids(network.deny, "TG-GCP-075")) == 0 with input as backend({"log_config": backend_log(true)})
}

test_tg_gcp_075_missing_block_fires if {
	findings := network.deny with input as backend({})
	some f in findings
	f.rule_id == "TG-GCP-075"
	f.location == fx.span(path, 20, 25)
	f.message == `backend service "web" does not log requests (no log_config block)`
}
