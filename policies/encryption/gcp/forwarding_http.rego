package tollgate.encryption.gcp.forwarding_http

import data.tollgate.lib
import rego.v1

# METADATA
# title: External forwarding rule serves plain HTTP through an HTTP proxy
# description: |
#   A google_compute_forwarding_rule or google_compute_global_forwarding_rule whose
#   load_balancing_scheme is EXTERNAL or EXTERNAL_MANAGED (EXTERNAL when unset) sends
#   internet traffic to a target HTTP proxy (google_compute_target_http_proxy or
#   google_compute_region_target_http_proxy, by reference or by a targetHttpProxies URL):
#   requests and responses cross the internet unencrypted. A proxy whose URL map only
#   redirects to HTTPS still receives the first request in plain text; keep it only for
#   that redirect, behind HSTS, and record the exception.
# related_resources:
# - https://cloud.google.com/load-balancing/docs/https
# - https://cloud.google.com/load-balancing/docs/https/setting-up-http-https-redirect
# custom:
#   id: TG-GCP-165
#   severity: low
#   category: encryption
#   provider: gcp
#   remediation: Point the forwarding rule at a google_compute_target_https_proxy with a managed certificate and an SSL policy of TLS 1.2 or later; keep an HTTP proxy only for a URL map that redirects to HTTPS.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"google_compute_forwarding_rule", "google_compute_global_forwarding_rule"}
	r := input.resource
	object.get(r, "load_balancing_scheme", "EXTERNAL") in {"EXTERNAL", "EXTERNAL_MANAGED"}
	not lib.unknown(r, "load_balancing_scheme")
	http_proxy(r)
	msg := sprintf("forwarding rule %q sends internet traffic to an HTTP proxy (plain HTTP)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "target"), msg)
}

# http_proxy(r): the target is a target HTTP proxy, written as its URL or referred to.
http_proxy(r) if {
	is_string(r.target)
	contains(r.target, "/targetHttpProxies/")
}

http_proxy(r) if {
	regex.match(`^google_compute_(region_)?target_http_proxy\.`, r.__loc.attrs.target.ref)
}
