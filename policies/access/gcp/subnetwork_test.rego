package tollgate.access.gcp.subnetwork_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.subnetwork
import rego.v1

path := "net/subnets.tf"

# resource "google_compute_subnetwork" "app" {              # line 1
#   name                       = "app"                     # line 2
#   ip_cidr_range              = "10.10.0.0/20"            # line 3
#   private_ip_google_access   = ACCESS                    # line 4
#   stack_type                 = STACK                     # line 5
#   private_ipv6_google_access = ACCESS6                   # line 6
#   purpose                    = PURPOSE                   # line 7
# }                                                        # line 8
subnet(fields) := fx.resource("google_compute_subnetwork", "app", fx.block(path, 1, 8, object.union({"name": "app", "ip_cidr_range": "10.10.0.0/20"}, fields), {
	"name": 2, "ip_cidr_range": 3, "private_ip_google_access": 4, "stack_type": 5,
	"private_ipv6_google_access": 6, "purpose": 7,
}))

test_tg_gcp_137_compliant if {
	count(subnetwork.deny) == 0 with input as subnet({"private_ip_google_access": true})
	dual := {"private_ip_google_access": true, "stack_type": "IPV4_IPV6", "private_ipv6_google_access": "ENABLE_OUTBOUND_VM_ACCESS_TO_GOOGLE"}
	count(subnetwork.deny) == 0 with input as subnet(dual)
}

test_tg_gcp_137_violation if {
	findings := subnetwork.deny with input as subnet({})
	some f in findings
	f.rule_id == "TG-GCP-137"
	f.location == fx.span(path, 1, 8)
	f.message == `subnetwork "app" has Private Google Access disabled (private_ip_google_access not set, default false)`
}

test_tg_gcp_137_false if {
	findings := subnetwork.deny with input as subnet({"private_ip_google_access": false})
	some f in findings
	f.rule_id == "TG-GCP-137"
	f.location == fx.loc(path, 4)
}

test_tg_gcp_137_ipv6_disabled if {
	findings := subnetwork.deny with input as subnet({"private_ip_google_access": true, "stack_type": "IPV4_IPV6", "private_ipv6_google_access": "DISABLE_GOOGLE_ACCESS"})
	some f in findings
	f.rule_id == "TG-GCP-137"
	f.location == fx.loc(path, 6)
	f.message == `subnetwork "app" has Private Google Access disabled (private_ipv6_google_access = "DISABLE_GOOGLE_ACCESS")`
}

test_tg_gcp_137_proxy_only_or_unknown_ok if {
	count(subnetwork.deny) == 0 with input as subnet({"purpose": "REGIONAL_MANAGED_PROXY"})
	count(subnetwork.deny) == 0 with input as subnet({"private_ip_google_access": true, "purpose": "PRIVATE"})
	s := subnet({})
	count(subnetwork.deny) == 0 with input as json.patch(s, [{"op": "add", "path": "/resource/__loc/attrs/private_ip_google_access", "value": {"start_line": 4, "end_line": 4, "unknown": true}}])
}
