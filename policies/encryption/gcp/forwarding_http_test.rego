package tollgate.encryption.gcp.forwarding_http_test

import data.tollgate.encryption.gcp.forwarding_http
import rego.v1

rule(type, r) := {"format": "terraform", "type": type, "name": "web", "resource": r, "related": {}}

loc(attrs) := {"path": "main.tf", "start_line": 1, "end_line": 6, "attrs": attrs}

test_tg_gcp_165_violation if {
	findings := forwarding_http.deny with input as rule("google_compute_global_forwarding_rule", {
		"__loc": loc({"target": {"start_line": 3, "end_line": 3, "unknown": true, "ref": "google_compute_target_http_proxy.web.id"}}),
		"port_range": "80",
	})
	count(findings) == 1
	some f in findings
	f.location.start_line == 3
}

test_regional_rule_to_an_http_proxy_url if {
	count(forwarding_http.deny) == 1 with input as rule("google_compute_forwarding_rule", {
		"__loc": loc({"target": {"start_line": 3, "end_line": 3}}),
		"load_balancing_scheme": "EXTERNAL_MANAGED",
		"target": "projects/p/regions/europe-west1/targetHttpProxies/web",
	})
}

test_tg_gcp_165_compliant if {
	count(forwarding_http.deny) == 0 with input as rule("google_compute_global_forwarding_rule", {
		"__loc": loc({"target": {"start_line": 3, "end_line": 3, "unknown": true, "ref": "google_compute_target_https_proxy.web.id"}}),
	})
}

test_internal_rule_passes if {
	count(forwarding_http.deny) == 0 with input as rule("google_compute_forwarding_rule", {
		"__loc": loc({"target": {"start_line": 3, "end_line": 3, "unknown": true, "ref": "google_compute_region_target_http_proxy.web.id"}}),
		"load_balancing_scheme": "INTERNAL_MANAGED",
	})
}

test_unknown_target_passes if {
	count(forwarding_http.deny) == 0 with input as rule("google_compute_global_forwarding_rule", {
		"__loc": loc({"target": {"start_line": 3, "end_line": 3, "unknown": true}}),
	})
}
