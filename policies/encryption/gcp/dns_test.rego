package tollgate.encryption.gcp.dns_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.dns
import rego.v1

path := "dns/zones.tf"

# resource "google_dns_managed_zone" "public" {   # line 1
#   name       = "acme-com"                      # line 2
#   dns_name   = "acme.com."                     # line 3
#   visibility = VISIBILITY                      # line 4
#   dnssec_config {                              # line 5
#     state = STATE                              # line 6
#     default_key_specs {                        # line 7
#       algorithm = ALGORITHM                    # line 8
#       key_type  = "keySigning"                 # line 9
#     }                                          # line 10
#   }                                            # line 11
# }                                              # line 12
zone(fields) := fx.resource("google_dns_managed_zone", "public", fx.block(path, 1, 12, object.union({"name": "acme-com", "dns_name": "acme.com."}, fields), {"name": 2, "dns_name": 3, "visibility": 4}))

dnssec(state, specs) := [fx.block(path, 5, 11, {"state": state, "default_key_specs": specs}, {"state": 6})]

key_spec(algorithm) := [fx.block(path, 7, 10, {"algorithm": algorithm, "key_type": "keySigning"}, {"algorithm": 8, "key_type": 9})]

test_tg_gcp_038_violation if {
	findings := dns.deny with input as zone({"dnssec_config": dnssec("off", [])})
	some f in findings
	f.rule_id == "TG-GCP-038"
	f.location == fx.loc(path, 6)
	f.message == `DNS zone "public" does not use DNSSEC (dnssec_config state = "off")`
}

test_tg_gcp_038_compliant if {
	count(fx.ids(dns.deny, "TG-GCP-038")) == 0 with input as zone({"dnssec_config": dnssec("on", [])})
	count(fx.ids(dns.deny, "TG-GCP-038")) == 0 with input as zone({"visibility": "private"})
}

test_tg_gcp_038_missing_config_fires if {
	findings := dns.deny with input as zone({})
	some f in findings
	f.rule_id == "TG-GCP-038"
	f.location == fx.span(path, 1, 12)
	f.message == `DNS zone "public" does not use DNSSEC (no dnssec_config)`
}

test_tg_gcp_039_violation if {
	findings := dns.deny with input as zone({"dnssec_config": dnssec("on", key_spec("rsasha1"))})
	some f in findings
	f.rule_id == "TG-GCP-039"
	f.location == fx.loc(path, 8)
	f.message == `DNS zone "public" signs its keySigning key with RSASHA1`
}

test_tg_gcp_039_compliant if {
	count(fx.ids(dns.deny, "TG-GCP-039")) == 0 with input as zone({"dnssec_config": dnssec("on", key_spec("rsasha256"))})
}
