package tollgate.backup.gcp.sql_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.backup.gcp.sql
import rego.v1

path := "db/sql.tf"

# resource "google_sql_database_instance" "main" {        # line 1
#   name                 = "acme-db"                     # line 2
#   database_version     = VERSION                       # line 3
#   master_instance_name = PRIMARY                       # line 4
#   settings {                                           # line 5
#     tier = "db-custom-2-7680"                          # line 6
#     backup_configuration {                             # line 7
#       enabled                        = ENABLED         # line 8
#       point_in_time_recovery_enabled = PITR            # line 9
#       binary_log_enabled             = BINLOG          # line 10
#       backup_retention_settings {                      # line 11
#         retained_backups = COUNT                       # line 12
#       }                                                # line 13
#     }                                                  # line 14
#   }                                                    # line 15
# }                                                      # line 16
instance_body(fields, settings) := fx.block(
	path, 1, 16,
	object.union({"name": "acme-db", "database_version": "POSTGRES_15", "settings": [fx.block(path, 5, 15, object.union({"tier": "db-custom-2-7680"}, settings), {"tier": 6})]}, fields),
	{"name": 2, "database_version": 3, "master_instance_name": 4},
)

instance(fields, settings) := fx.resource("google_sql_database_instance", "main", instance_body(fields, settings))

backup(fields) := {"backup_configuration": [fx.block(path, 7, 14, fields, {"enabled": 8, "point_in_time_recovery_enabled": 9, "binary_log_enabled": 10})]}

retention(count) := [fx.block(path, 11, 13, {"retained_backups": count}, {"retained_backups": 12})]

good := backup({"enabled": true, "point_in_time_recovery_enabled": true})

test_compliant_instance_has_no_findings if {
	count(sql.deny) == 0 with input as instance({}, good)
}

test_tg_gcp_050_violation if {
	findings := sql.deny with input as instance({}, backup({"enabled": false}))
	some f in findings
	f.rule_id == "TG-GCP-050"
	f.location == fx.loc(path, 8)
	f.message == `Cloud SQL instance "main" has automated backups disabled (enabled = false)`
}

test_tg_gcp_050_compliant if {
	count(fx.ids(sql.deny, "TG-GCP-050")) == 0 with input as instance({}, good)
	replica := instance({"master_instance_name": "acme-db-primary"}, {})
	count(fx.ids(sql.deny, "TG-GCP-050")) == 0 with input as replica
}

test_tg_gcp_050_defaults_fire if {
	findings := sql.deny with input as instance({}, {})
	some f in findings
	f.rule_id == "TG-GCP-050"
	f.location == fx.span(path, 5, 15)
	f.message == `Cloud SQL instance "main" has automated backups disabled (no backup_configuration block)`
	count(fx.ids(sql.deny, "TG-GCP-050")) == 1 with input as instance({}, backup({}))
}

test_tg_gcp_050_unknown_does_not_fire if {
	body := fx.unknown(instance_body({}, {}), "master_instance_name", 4)
	count(fx.ids(sql.deny, "TG-GCP-050")) == 0 with input as fx.resource("google_sql_database_instance", "main", body)
	flag := {"backup_configuration": [fx.unknown(backup({}).backup_configuration[0], "enabled", 8)]}
	count(fx.ids(sql.deny, "TG-GCP-050")) == 0 with input as instance({}, flag)
}

test_tg_gcp_051_violation if {
	findings := sql.deny with input as instance({}, backup({"enabled": true, "point_in_time_recovery_enabled": false}))
	some f in findings
	f.rule_id == "TG-GCP-051"
	f.location == fx.loc(path, 9)
	f.message == `Cloud SQL instance "main" has point-in-time recovery disabled (point_in_time_recovery_enabled = false)`
}

test_tg_gcp_051_compliant if {
	count(fx.ids(sql.deny, "TG-GCP-051")) == 0 with input as instance({}, good)
	mysql := instance({"database_version": "MYSQL_8_0"}, backup({"enabled": true, "binary_log_enabled": true}))
	count(fx.ids(sql.deny, "TG-GCP-051")) == 0 with input as mysql
}

test_tg_gcp_051_mysql_binary_log_fires if {
	findings := sql.deny with input as instance({"database_version": "MYSQL_8_0"}, backup({"enabled": true}))
	some f in findings
	f.rule_id == "TG-GCP-051"
	f.location == fx.span(path, 7, 14)
	f.message == `Cloud SQL instance "main" has point-in-time recovery disabled (binary_log_enabled not set, default false)`
}

test_tg_gcp_052_violation if {
	settings := backup({"enabled": true, "point_in_time_recovery_enabled": true, "backup_retention_settings": retention(3)})
	findings := sql.deny with input as instance({}, settings)
	some f in findings
	f.rule_id == "TG-GCP-052"
	f.location == fx.loc(path, 12)
	f.message == `Cloud SQL instance "main" keeps 3 automated backups, fewer than 7`
}

test_tg_gcp_052_compliant if {
	settings := backup({"enabled": true, "point_in_time_recovery_enabled": true, "backup_retention_settings": retention(14)})
	count(fx.ids(sql.deny, "TG-GCP-052")) == 0 with input as instance({}, settings)
	count(fx.ids(sql.deny, "TG-GCP-052")) == 1 with input as instance({}, settings) with data.config.params as {"min_backup_retention_days": 30}
}
