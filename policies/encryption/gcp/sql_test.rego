package tollgate.encryption.gcp.sql_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.sql
import rego.v1

path := "db/sql.tf"

# resource "google_sql_database_instance" "main" {   # line 1
#   name             = "acme-db"                    # line 2
#   database_version = "POSTGRES_15"                # line 3
#   settings {                                      # line 4
#     tier = "db-custom-2-7680"                     # line 5
#     ip_configuration {                            # line 6
#       ssl_mode    = MODE                          # line 7
#       require_ssl = REQUIRE                       # line 8
#     }                                             # line 9
#   }                                               # line 10
# }                                                 # line 11
instance(settings) := fx.resource("google_sql_database_instance", "main", fx.block(
	path, 1, 11,
	{"name": "acme-db", "database_version": "POSTGRES_15", "settings": [fx.block(path, 4, 10, object.union({"tier": "db-custom-2-7680"}, settings), {"tier": 5})]},
	{"name": 2, "database_version": 3},
))

ip(fields) := {"ip_configuration": [fx.block(path, 6, 9, fields, {"ssl_mode": 7, "require_ssl": 8})]}

test_tg_gcp_031_violation if {
	findings := sql.deny with input as instance(ip({"ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}))
	some f in findings
	f.rule_id == "TG-GCP-031"
	f.location == fx.loc(path, 7)
	f.message == `Cloud SQL instance "main" accepts unencrypted connections (ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED")`
}

test_tg_gcp_031_compliant if {
	count(fx.ids(sql.deny, "TG-GCP-031")) == 0 with input as instance(ip({"ssl_mode": "ENCRYPTED_ONLY"}))
	count(fx.ids(sql.deny, "TG-GCP-031")) == 0 with input as instance(ip({"ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}))
	count(fx.ids(sql.deny, "TG-GCP-031")) == 0 with input as instance(ip({"require_ssl": true}))
}

test_tg_gcp_031_defaults_fire if {
	findings := sql.deny with input as instance({})
	some f in findings
	f.rule_id == "TG-GCP-031"
	f.location == fx.span(path, 4, 10)
	f.message == `Cloud SQL instance "main" accepts unencrypted connections (no ip_configuration, ssl_mode defaults to ALLOW_UNENCRYPTED_AND_ENCRYPTED)`
	block := sql.deny with input as instance(ip({"require_ssl": false}))
	some g in block
	g.rule_id == "TG-GCP-031"
	g.location == fx.loc(path, 8)
	g.message == `Cloud SQL instance "main" accepts unencrypted connections (neither ssl_mode nor require_ssl = true is set)`
}

test_tg_gcp_031_unknown_does_not_fire if {
	mode := {"ip_configuration": [fx.unknown(fx.block(path, 6, 9, {}, {}), "ssl_mode", 7)]}
	count(fx.ids(sql.deny, "TG-GCP-031")) == 0 with input as instance(mode)
	require := {"ip_configuration": [fx.unknown(fx.block(path, 6, 9, {}, {}), "require_ssl", 8)]}
	count(fx.ids(sql.deny, "TG-GCP-031")) == 0 with input as instance(require)
}
