package tollgate.access.gcp.sql

import data.tollgate.lib
import rego.v1

open_networks := {"0.0.0.0/0", "::/0"}

# METADATA
# title: Cloud SQL instance is open to the whole internet
# description: |
#   An authorized network of a google_sql_database_instance
#   (settings.ip_configuration.authorized_networks) is 0.0.0.0/0 or ::/0: the instance's
#   public IP accepts connections, and password guessing, from anywhere.
# related_resources:
# - https://cloud.google.com/sql/docs/mysql/authorize-networks
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#authorized_networks
# custom:
#   id: TG-GCP-003
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Replace the 0.0.0.0/0 authorized network with the client ranges that need access, or connect through the Cloud SQL Auth Proxy or private IP (ipv4_enabled = false, private_network).
#   frameworks:
#     cis-gcp-2.0: ["6.5"]
#     nist-800-53: ["SC-7", "AC-3"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some ip in ip_configurations
	some network in ip.authorized_networks
	network.value in open_networks
	msg := sprintf("Cloud SQL instance %q authorizes connections from %s", [input.name, network.value])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(network, "value"), msg)
}

ip_configurations contains ip if {
	some settings in input.resource.settings
	some ip in settings.ip_configuration
}

# METADATA
# title: Cloud SQL instance has a public IP address
# description: |
#   settings.ip_configuration.ipv4_enabled is true, or not set (its default is true), on a
#   google_sql_database_instance (also when there is no ip_configuration block): the
#   instance gets a public IPv4 address on the internet, guarded only by its authorized
#   networks and the database's own authentication. Not reported when the value is
#   unknown.
# related_resources:
# - https://cloud.google.com/sql/docs/mysql/configure-private-ip
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ipv4_enabled
# custom:
#   id: TG-GCP-004
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set ip_configuration { ipv4_enabled = false, private_network = google_compute_network.main.id } and connect over private IP (or Private Service Connect).
#   frameworks:
#     cis-gcp-2.0: ["6.6"]
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	some settings in input.resource.settings
	v := public_ip(settings)
	msg := sprintf("Cloud SQL instance %q has a public IP address (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

public_ip(settings) := {"location": lib.loc(settings), "problem": "no ip_configuration, ipv4_enabled defaults to true"} if {
	lib.missing(settings, "ip_configuration")
} else := v if {
	some ip in settings.ip_configuration
	lib.is_true(ip.ipv4_enabled)
	v := {"location": lib.attr_loc(ip, "ipv4_enabled"), "problem": "ipv4_enabled = true"}
} else := v if {
	some ip in settings.ip_configuration
	lib.missing(ip, "ipv4_enabled")
	v := {"location": lib.loc(ip), "problem": "ipv4_enabled not set, default true"}
}

# has_flag(r, name, value) holds when instance r sets database flag name to value
# (compared case-insensitively).
has_flag(r, name, value) if {
	some settings in r.settings
	some flag in settings.database_flags
	flag.name == name
	lower(sprintf("%v", [flag.value])) == value
}

# flag_location(r, name) is the location of database flag name of instance r.
flag_location(r, name) := [lib.attr_loc(flag, "value") |
	some settings in r.settings
	some flag in settings.database_flags
	flag.name == name
][0]

engine(r) := "mysql" if startswith(r.database_version, "MYSQL")

engine(r) := "sqlserver" if startswith(r.database_version, "SQLSERVER")

engine(r) := "postgres" if startswith(r.database_version, "POSTGRES")

# METADATA
# title: Cloud SQL for MySQL lets clients read server files (local_infile)
# description: |
#   The database flag local_infile is on for a MySQL google_sql_database_instance: LOAD
#   DATA LOCAL lets a malicious or compromised server read files from client machines,
#   and clients load arbitrary local files into the database, bypassing the usual access
#   checks.
# related_resources:
# - https://cloud.google.com/sql/docs/mysql/flags
# - https://dev.mysql.com/doc/refman/8.0/en/load-data-local-security.html
# custom:
#   id: TG-GCP-005
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set the database flag local_infile to "off" (or remove it).
#   frameworks:
#     cis-gcp-2.0: ["6.1.3"]
#     nist-800-53: ["CM-7", "AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.4"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	r := input.resource
	engine(r) == "mysql"
	has_flag(r, "local_infile", "on")
	msg := sprintf("Cloud SQL instance %q enables LOAD DATA LOCAL (database flag local_infile = on)", [input.name])
	finding := lib.finding(rego.metadata.rule(), flag_location(r, "local_infile"), msg)
}

# SQL Server flags that let database users reach beyond their database.
sqlserver_flags := ["contained database authentication", "cross db ownership chaining"]

# METADATA
# title: Cloud SQL for SQL Server weakens database isolation
# description: |
#   The database flag "contained database authentication" or "cross db ownership chaining"
#   is on for a SQL Server google_sql_database_instance: contained database users
#   authenticate without a server login, outside server-level access control and
#   auditing, and ownership chaining lets a database's objects reach into other databases
#   without permission checks.
# related_resources:
# - https://cloud.google.com/sql/docs/sqlserver/flags
# - https://learn.microsoft.com/sql/database-engine/configure-windows/contained-database-authentication-server-configuration-option
# custom:
#   id: TG-GCP-006
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set the database flags "contained database authentication" and "cross db ownership chaining" to "off" (or remove them).
#   frameworks:
#     cis-gcp-2.0: ["6.3.2", "6.3.7"]
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "google_sql_database_instance"
	r := input.resource
	engine(r) == "sqlserver"
	some name in sqlserver_flags
	has_flag(r, name, "on")
	msg := sprintf("Cloud SQL instance %q turns on the database flag %q", [input.name, name])
	finding := lib.finding(rego.metadata.rule(), flag_location(r, name), msg)
}

# METADATA
# title: Cloud SQL root user has no password
# description: |
#   A google_sql_user named root (a built-in database user) has neither password nor
#   password_wo: the account, which holds every privilege on a MySQL instance and by
#   default may connect from any host, is created without a password, so anyone who
#   reaches the instance can log in as root. Not reported when the password is unknown.
# related_resources:
# - https://cloud.google.com/sql/docs/mysql/create-manage-users#user-root
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_user#password
# custom:
#   id: TG-GCP-146
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Set password (from a secret store, or password_wo) on the root user, restrict host, and connect applications with their own users or IAM database authentication.
#   frameworks:
#     cis-gcp-2.0: ["6.1.1"]
#     nist-800-53: ["IA-5", "AC-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type == "google_sql_user"
	r := input.resource
	is_string(r.name)
	startswith(r.name, "root")
	built_in(r)
	every key in ["password", "password_wo"] {
		no_secret(r, key)
	}
	msg := sprintf("Cloud SQL user %q (%s) has no password", [input.name, r.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

built_in(r) if lib.missing(r, "type")

built_in(r) if r.type in {"BUILT_IN", ""}

no_secret(r, key) if lib.missing(r, key)

no_secret(r, key) if r[key] in {null, ""}
