package tollgate.access.gcp.network_firewall_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.network_firewall
import rego.v1

# resource "google_compute_network" "vpc" {   # line 1
#   name                    = "vpc"           # line 2
#   auto_create_subnetworks = false           # line 3
# }                                           # line 4
network := fx.resource("google_compute_network", "vpc", fx.block("net.tf", 1, 4, {"name": "vpc", "auto_create_subnetworks": false}, {"name": 2, "auto_create_subnetworks": 3}))

firewall := fx.block("net.tf", 6, 12, {"name": "deny-all", "direction": "INGRESS"}, {"name": 7, "direction": 8})

test_tg_gcp_160_violation if {
	findings := network_firewall.deny with input as network
	some f in findings
	f.rule_id == "TG-GCP-160"
	f.location == fx.span("net.tf", 1, 4)
	f.message == `VPC network "vpc" has no firewall rules in the configuration (no google_compute_firewall refers to it)`
	count(findings) == 1

	# Something else refers to the network, not a firewall.
	subnet_only := network_firewall.deny with input as fx.related(network, {"google_compute_subnetwork": [{"name": "a"}]})
	count(fx.ids(subnet_only, "TG-GCP-160")) == 1
}

test_tg_gcp_160_compliant if {
	count(network_firewall.deny) == 0 with input as fx.related(network, {"google_compute_firewall": [firewall]})
	count(network_firewall.deny) == 0 with input as fx.related(network, {"google_compute_network_firewall_policy_association": [{"name": "assoc"}]})

	# A plan: what refers to the network is unknown.
	count(network_firewall.deny) == 0 with input as object.union(network, {"related_unknown": true})
}
