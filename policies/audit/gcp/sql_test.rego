package tollgate.audit.gcp.sql_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.sql
import rego.v1

path := "db/sql.tf"

# resource "google_sql_database_instance" "main" {   # line 1
#   name             = "acme-db"                    # line 2
#   database_version = VERSION                      # line 3
#   settings {                                      # line 4
#     tier = "db-custom-2-7680"                     # line 5
#     database_flags {                              # line 6
#       name  = "log_connections"                   # line 7
#       value = VALUE                               # line 8
#     }                                             # line 9
#     database_flags {                              # line 10
#       name  = "log_disconnections"                # line 11
#       value = VALUE                               # line 12
#     }                                             # line 13
#     database_flags {                              # line 14
#       name  = "cloudsql.enable_pgaudit"           # line 15
#       value = VALUE                               # line 16
#     }                                             # line 17
#   }                                               # line 18
# }                                                 # line 19
flag(start, name, value) := fx.block(path, start, start + 3, {"name": name, "value": value}, {"name": start + 1, "value": start + 2})

settings_body(flags) := fx.block(path, 4, 18, {"tier": "db-custom-2-7680", "database_flags": flags}, {"tier": 5})

instance(version, settings) := fx.resource("google_sql_database_instance", "main", fx.block(path, 1, 19, {"name": "acme-db", "database_version": version, "settings": [settings]}, {"name": 2, "database_version": 3}))

flags(connections, disconnections, pgaudit) := [
	flag(6, "log_connections", connections),
	flag(10, "log_disconnections", disconnections),
	flag(14, "cloudsql.enable_pgaudit", pgaudit),
]

test_compliant_instance_has_no_findings if {
	count(sql.deny) == 0 with input as instance("POSTGRES_15", settings_body(flags("on", "on", "on")))
}

test_tg_gcp_077_violation if {
	findings := sql.deny with input as instance("POSTGRES_15", settings_body(flags("off", "on", "on")))
	some f in findings
	f.rule_id == "TG-GCP-077"
	f.location == fx.loc(path, 8)
	f.message == `Cloud SQL instance "main" does not log connections (log_connections not on)`
}

test_tg_gcp_077_compliant if {
	count(fx.ids(sql.deny, "TG-GCP-077")) == 0 with input as instance("POSTGRES_15", settings_body(flags("on", "on", "off")))
	count(fx.ids(sql.deny, "TG-GCP-077")) == 0 with input as instance("MYSQL_8_0", settings_body([]))
}

test_tg_gcp_077_missing_flags_fire if {
	findings := sql.deny with input as instance("POSTGRES_15", fx.block(path, 4, 18, {"tier": "db-custom-2-7680"}, {"tier": 5}))
	some f in findings
	f.rule_id == "TG-GCP-077"
	f.location == fx.span(path, 4, 18)
	f.message == `Cloud SQL instance "main" does not log connections (log_connections, log_disconnections not on)`
}

test_tg_gcp_077_unknown_does_not_fire if {
	dynamic := fx.unknown(fx.block(path, 4, 18, {"tier": "db-custom-2-7680"}, {"tier": 5}), "database_flags", 6)
	count(fx.ids(sql.deny, "TG-GCP-077")) == 0 with input as instance("POSTGRES_15", dynamic)
	value := [fx.unknown(flag(6, "log_connections", "x"), "value", 8), flag(10, "log_disconnections", "on")]
	count(fx.ids(sql.deny, "TG-GCP-077")) == 0 with input as instance("POSTGRES_15", settings_body(value))
}

test_tg_gcp_078_violation if {
	findings := sql.deny with input as instance("POSTGRES_15", settings_body(flags("on", "on", "off")))
	some f in findings
	f.rule_id == "TG-GCP-078"
	f.location == fx.loc(path, 16)
	f.message == `Cloud SQL instance "main" has pgAudit disabled (cloudsql.enable_pgaudit not on)`
}

test_tg_gcp_078_compliant if {
	count(fx.ids(sql.deny, "TG-GCP-078")) == 0 with input as instance("POSTGRES_15", settings_body(flags("on", "on", "on")))
	count(fx.ids(sql.deny, "TG-GCP-078")) == 0 with input as instance("SQLSERVER_2019_STANDARD", settings_body([]))
}
