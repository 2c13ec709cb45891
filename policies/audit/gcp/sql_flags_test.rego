package tollgate.audit.gcp.sql_flags_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.sql_flags
import rego.v1

path := "db/sql.tf"

# resource "google_sql_database_instance" "main" {   # line 1
#   name             = "acme-db"                    # line 2
#   database_version = VERSION                      # line 3
#   settings {                                      # line 4
#     database_flags { name = N, value = V }         # line 5 + 4i: block, +1 name, +2 value
#   }
# }
flag(i, name, value) := fx.block(path, 5 + (4 * i), 8 + (4 * i), {"name": name, "value": value}, {"name": 6 + (4 * i), "value": 7 + (4 * i)})

instance(version, flags) := fx.resource("google_sql_database_instance", "main", fx.block(path, 1, 40, {
	"name": "acme-db",
	"database_version": version,
	"settings": [fx.block(path, 4, 39, {"tier": "db-f1-micro", "database_flags": [flag(i, f[0], f[1]) | some i, f in flags]}, {})],
}, {"name": 2, "database_version": 3}))

good := [
	["log_temp_files", "0"],
	["log_checkpoints", "on"],
	["log_duration", "on"],
	["log_lock_waits", "on"],
]

test_compliant_instance_has_no_findings if {
	count(sql_flags.deny) == 0 with input as instance("POSTGRES_15", good)
	count(sql_flags.deny) == 0 with input as instance("POSTGRES_15", array.concat(good, [["log_min_messages", "warning"], ["log_min_duration_statement", "-1"], ["log_parser_stats", "off"]]))
	count(sql_flags.deny) == 0 with input as instance("MYSQL_8_0", [])
}

test_tg_gcp_089_violation if {
	findings := sql_flags.deny with input as instance("POSTGRES_14", array.concat([["log_temp_files", "1024"]], array.slice(good, 1, 4)))
	some f in findings
	f.rule_id == "TG-GCP-089"
	f.location == fx.loc(path, 7)
	f.message == `Cloud SQL instance "main" does not log temporary files (log_temp_files = "1024")`
	some g in sql_flags.deny with input as instance("POSTGRES_14", array.slice(good, 1, 4))
	g.rule_id == "TG-GCP-089"
	g.location == fx.span(path, 4, 39)
	g.message == `Cloud SQL instance "main" does not log temporary files (log_temp_files unset)`
}

test_tg_gcp_089_compliant if {
	count(fx.ids(sql_flags.deny, "TG-GCP-089")) == 0 with input as instance("POSTGRES_14", good)
}

test_tg_gcp_090_violation if {
	findings := sql_flags.deny with input as instance("POSTGRES_14", [["log_temp_files", "0"], ["log_checkpoints", "off"]])
	some f in findings
	f.rule_id == "TG-GCP-090"
	f.location == fx.loc(path, 11)
	f.message == `Cloud SQL instance "main" does not turn on log_checkpoints, log_duration, log_lock_waits`
}

test_tg_gcp_090_compliant if {
	count(fx.ids(sql_flags.deny, "TG-GCP-090")) == 0 with input as instance("POSTGRES_14", good)
	unknown := fx.resource("google_sql_database_instance", "main", fx.block(path, 1, 40, {"database_version": "POSTGRES_14", "settings": [fx.unknown(fx.block(path, 4, 39, {"database_flags": []}, {}), "database_flags", 5)]}, {}))
	count(sql_flags.deny) == 0 with input as unknown
}

test_tg_gcp_091_violation if {
	findings := sql_flags.deny with input as instance("POSTGRES_14", array.concat(good, [["log_min_messages", "FATAL"]]))
	some f in findings
	f.rule_id == "TG-GCP-091"
	f.location == fx.loc(path, 23)
	f.message == `Cloud SQL instance "main" does not log errors (log_min_messages = "FATAL")`
}

test_tg_gcp_091_compliant if {
	count(fx.ids(sql_flags.deny, "TG-GCP-091")) == 0 with input as instance("POSTGRES_14", array.concat(good, [["log_min_messages", "error"]]))
}

test_tg_gcp_092_violation if {
	findings := sql_flags.deny with input as instance("POSTGRES_14", array.concat(good, [["log_min_duration_statement", "500"]]))
	some f in findings
	f.rule_id == "TG-GCP-092"
	f.location == fx.loc(path, 23)
	f.message == `Cloud SQL instance "main" logs the text of statements slower than 500 ms (log_min_duration_statement)`
}

test_tg_gcp_092_compliant if {
	count(fx.ids(sql_flags.deny, "TG-GCP-092")) == 0 with input as instance("POSTGRES_14", good)
}

test_tg_gcp_093_violation if {
	findings := sql_flags.deny with input as instance("POSTGRES_14", array.concat(good, [["log_planner_stats", "on"]]))
	some f in findings
	f.rule_id == "TG-GCP-093"
	f.location == fx.loc(path, 23)
	f.message == `Cloud SQL instance "main" writes statistics of every statement to the log (log_planner_stats = on)`
}

test_tg_gcp_093_compliant if {
	count(fx.ids(sql_flags.deny, "TG-GCP-093")) == 0 with input as instance("POSTGRES_14", array.concat(good, [["log_planner_stats", "off"]]))
}
