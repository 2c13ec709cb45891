package tollgate.access.gcp.sql_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.sql
import rego.v1

path := "db/sql.tf"

# resource "google_sql_database_instance" "main" {   # line 1
#   name             = "acme-db"                    # line 2
#   database_version = VERSION                      # line 3
#   settings {                                      # line 4
#     tier = "db-custom-2-7680"                     # line 5
#     ip_configuration {                            # line 6
#       ipv4_enabled = IPV4                         # line 7
#       authorized_networks {                       # line 8
#         name  = "office"                          # line 9
#         value = NETWORK                           # line 10
#       }                                           # line 11
#     }                                             # line 12
#     database_flags {                              # line 13
#       name  = FLAG                                # line 14
#       value = VALUE                               # line 15
#     }                                             # line 16
#   }                                               # line 17
# }                                                 # line 18
instance(version, settings) := fx.resource("google_sql_database_instance", "main", fx.block(
	path, 1, 18,
	{"name": "acme-db", "database_version": version, "settings": [fx.block(path, 4, 17, object.union({"tier": "db-custom-2-7680"}, settings), {"tier": 5})]},
	{"name": 2, "database_version": 3},
))

ip_configuration(fields) := [fx.block(path, 6, 12, fields, {"ipv4_enabled": 7})]

network(cidr) := [fx.block(path, 8, 11, {"name": "office", "value": cidr}, {"name": 9, "value": 10})]

flag(name, value) := [fx.block(path, 13, 16, {"name": name, "value": value}, {"name": 14, "value": 15})]

private := {"ip_configuration": ip_configuration({"ipv4_enabled": false})}

test_tg_gcp_003_violation if {
	settings := {"ip_configuration": ip_configuration({"ipv4_enabled": true, "authorized_networks": network("0.0.0.0/0")})}
	findings := sql.deny with input as instance("POSTGRES_15", settings)
	some f in findings
	f.rule_id == "TG-GCP-003"
	f.location == fx.loc(path, 10)
	f.message == `Cloud SQL instance "main" authorizes connections from 0.0.0.0/0`
}

test_tg_gcp_003_compliant if {
	settings := {"ip_configuration": ip_configuration({"ipv4_enabled": true, "authorized_networks": network("203.0.113.0/24")})}
	count(fx.ids(sql.deny, "TG-GCP-003")) == 0 with input as instance("POSTGRES_15", settings)
}

test_tg_gcp_004_violation if {
	findings := sql.deny with input as instance("POSTGRES_15", {"ip_configuration": ip_configuration({"ipv4_enabled": true})})
	some f in findings
	f.rule_id == "TG-GCP-004"
	f.location == fx.loc(path, 7)
	f.message == `Cloud SQL instance "main" has a public IP address (ipv4_enabled = true)`
}

test_tg_gcp_004_compliant if {
	count(fx.ids(sql.deny, "TG-GCP-004")) == 0 with input as instance("POSTGRES_15", private)
}

test_tg_gcp_004_defaults_fire if {
	findings := sql.deny with input as instance("POSTGRES_15", {})
	some f in findings
	f.rule_id == "TG-GCP-004"
	f.location == fx.span(path, 4, 17)
	f.message == `Cloud SQL instance "main" has a public IP address (no ip_configuration, ipv4_enabled defaults to true)`
	block := sql.deny with input as instance("POSTGRES_15", {"ip_configuration": ip_configuration({})})
	some g in block
	g.rule_id == "TG-GCP-004"
	g.location == fx.span(path, 6, 12)
}

test_tg_gcp_004_unknown_does_not_fire if {
	ip := [fx.unknown(ip_configuration({})[0], "ipv4_enabled", 7)]
	count(fx.ids(sql.deny, "TG-GCP-004")) == 0 with input as instance("POSTGRES_15", {"ip_configuration": ip})
	dynamic := fx.unknown(fx.block(path, 4, 17, {"tier": "db-f1-micro"}, {}), "ip_configuration", 6)
	doc := fx.resource("google_sql_database_instance", "main", fx.block(path, 1, 18, {"database_version": "MYSQL_8_0", "settings": [dynamic]}, {}))
	count(fx.ids(sql.deny, "TG-GCP-004")) == 0 with input as doc
}

test_tg_gcp_005_violation if {
	findings := sql.deny with input as instance("MYSQL_8_0", object.union(private, {"database_flags": flag("local_infile", "on")}))
	some f in findings
	f.rule_id == "TG-GCP-005"
	f.location == fx.loc(path, 15)
	f.message == `Cloud SQL instance "main" enables LOAD DATA LOCAL (database flag local_infile = on)`
}

test_tg_gcp_005_compliant if {
	count(fx.ids(sql.deny, "TG-GCP-005")) == 0 with input as instance("MYSQL_8_0", object.union(private, {"database_flags": flag("local_infile", "off")}))
	count(fx.ids(sql.deny, "TG-GCP-005")) == 0 with input as instance("POSTGRES_15", object.union(private, {"database_flags": flag("local_infile", "on")}))
}

test_tg_gcp_006_violation if {
	settings := object.union(private, {"database_flags": flag("contained database authentication", "on")})
	findings := sql.deny with input as instance("SQLSERVER_2019_STANDARD", settings)
	some f in findings
	f.rule_id == "TG-GCP-006"
	f.location == fx.loc(path, 15)
	f.message == `Cloud SQL instance "main" turns on the database flag "contained database authentication"`
}

test_tg_gcp_006_compliant if {
	settings := object.union(private, {"database_flags": flag("cross db ownership chaining", "off")})
	count(fx.ids(sql.deny, "TG-GCP-006")) == 0 with input as instance("SQLSERVER_2019_STANDARD", settings)
}

# resource "google_sql_user" "root" {   # line 30
#   name     = "root"                  # line 31
#   instance = "main"                  # line 32
#   password = PASSWORD                # line 33
# }                                    # line 34
sql_user(fields) := fx.resource("google_sql_user", "root", fx.block(path, 30, 34, object.union({"name": "root", "instance": "main"}, fields), {"name": 31, "instance": 32, "password": 33}))

test_tg_gcp_146_violation if {
	findings := sql.deny with input as sql_user({})
	some f in findings
	f.rule_id == "TG-GCP-146"
	f.location == fx.span(path, 30, 34)
	f.message == `Cloud SQL user "root" (root) has no password`
}

test_tg_gcp_146_compliant if {
	count(fx.ids(sql.deny, "TG-GCP-146")) == 0 with input as sql_user({"password": "changeme-from-vault"})
	count(fx.ids(sql.deny, "TG-GCP-146")) == 0 with input as sql_user({"name": "app"})
	unknown := fx.unknown(sql_user({})[`resource`], "password", 33)
	count(fx.ids(sql.deny, "TG-GCP-146")) == 0 with input as fx.resource("google_sql_user", "root", unknown)
}
