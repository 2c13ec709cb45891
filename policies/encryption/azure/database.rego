package tollgate.encryption.azure.database

import data.tollgate.encryption.azure.tls
import data.tollgate.lib
import rego.v1

sql_kinds := {
	"azurerm_mssql_server": "SQL server",
	"azurerm_mssql_managed_instance": "SQL managed instance",
}

# METADATA
# title: SQL server allows TLS versions below the minimum
# description: |
#   minimum_tls_version on an azurerm_mssql_server or azurerm_mssql_managed_instance is
#   older than the min_tls_version parameter (default 1.2), or "Disabled" (any version,
#   TLS 1.0 included, is accepted): clients can connect with deprecated protocol versions.
#   Left unset, the provider's default of 1.2 applies and nothing is reported.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#configure-minimum-tls-version
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#minimum_tls_version
# custom:
#   id: TG-AZ-034
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set minimum_tls_version = "1.2" (or remove it) after checking that no client still needs TLS 1.0 or 1.1.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"azurerm_mssql_managed_instance", "azurerm_mssql_server"}
	r := input.resource
	weak_tls(r.minimum_tls_version)
	msg := sprintf("%s %q allows TLS older than %s (minimum_tls_version = %q)", [sql_kinds[input.type], input.name, tls.minimum_name, r.minimum_tls_version])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "minimum_tls_version"), msg)
}

weak_tls(v) if tls.below_minimum(v)

weak_tls("Disabled")

# METADATA
# title: SQL database has transparent data encryption disabled
# description: |
#   transparent_data_encryption_enabled = false on an azurerm_mssql_database: the
#   database files, logs and backups are stored unencrypted, readable by anyone who gets
#   hold of a copy.
# related_resources:
# - https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database#transparent_data_encryption_enabled
# custom:
#   id: TG-AZ-035
#   severity: high
#   category: encryption
#   provider: azure
#   remediation: Remove the attribute or set transparent_data_encryption_enabled = true.
#   frameworks:
#     cis-azure-2.0: ["4.1.5"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "azurerm_mssql_database"
	r := input.resource
	lib.is_false(r.transparent_data_encryption_enabled)
	msg := sprintf("SQL database %q has transparent data encryption disabled (transparent_data_encryption_enabled = false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "transparent_data_encryption_enabled"), msg)
}

single_server_kinds := {
	"azurerm_postgresql_server": "PostgreSQL server",
	"azurerm_mysql_server": "MySQL server",
	"azurerm_mariadb_server": "MariaDB server",
}

configuration_kinds := {
	"azurerm_postgresql_flexible_server_configuration": "PostgreSQL flexible server configuration",
	"azurerm_mysql_flexible_server_configuration": "MySQL flexible server configuration",
}

# METADATA
# title: Database server does not require encrypted connections
# description: |
#   ssl_enforcement_enabled = false on an azurerm_postgresql_server, azurerm_mysql_server or
#   azurerm_mariadb_server, or a flexible server configuration setting
#   require_secure_transport to off: clients may connect without TLS, and passwords and
#   query results cross the network in clear text.
# related_resources:
# - https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls
# - https://learn.microsoft.com/azure/mysql/flexible-server/how-to-connect-tls-ssl
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server_configuration
# custom:
#   id: TG-AZ-036
#   severity: high
#   category: encryption
#   provider: azure
#   remediation: Set ssl_enforcement_enabled = true on single servers; on flexible servers remove the require_secure_transport configuration or set its value to "on".
#   frameworks:
#     cis-azure-2.0: ["4.3.1", "4.4.1"]
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {
		"azurerm_mariadb_server",
		"azurerm_mysql_flexible_server_configuration",
		"azurerm_mysql_server",
		"azurerm_postgresql_flexible_server_configuration",
		"azurerm_postgresql_server",
	}
	some v in plaintext_allowed
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

plaintext_allowed contains v if {
	input.type in object.keys(single_server_kinds)
	r := input.resource
	lib.is_false(r.ssl_enforcement_enabled)
	v := {
		"location": lib.attr_loc(r, "ssl_enforcement_enabled"),
		"message": sprintf("%s %q does not require TLS connections (ssl_enforcement_enabled = false)", [single_server_kinds[input.type], input.name]),
	}
}

plaintext_allowed contains v if {
	input.type in object.keys(configuration_kinds)
	r := input.resource
	lower_str(r.name) == "require_secure_transport"
	lower_str(r.value) in {"off", "0", "false"}
	v := {
		"location": lib.attr_loc(r, "value"),
		"message": sprintf("%s %q does not require TLS connections (require_secure_transport = %q)", [configuration_kinds[input.type], input.name, r.value]),
	}
}

# METADATA
# title: Database server allows TLS versions below the minimum
# description: |
#   The PostgreSQL, MySQL or MariaDB server accepts TLS versions older than the
#   min_tls_version parameter (default 1.2): ssl_minimal_tls_version_enforced on a single
#   server is "TLS1_0", "TLS1_1" or "TLSEnforcementDisabled", or a flexible server
#   configuration sets tls_version (MySQL) to a list that includes TLSv1 or TLSv1.1, or
#   ssl_min_protocol_version (PostgreSQL) to TLSv1 or TLSv1.1.
# related_resources:
# - https://learn.microsoft.com/azure/mysql/flexible-server/concepts-networking#tls-and-ssl
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mysql_flexible_server_configuration
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_server#ssl_minimal_tls_version_enforced
# custom:
#   id: TG-AZ-037
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set ssl_minimal_tls_version_enforced = "TLS1_2" on single servers, and tls_version = "TLSv1.2" (MySQL) or ssl_min_protocol_version = "TLSv1.2" (PostgreSQL) on flexible servers.
#   frameworks:
#     cis-azure-2.0: ["4.4.2"]
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {
		"azurerm_mariadb_server",
		"azurerm_mysql_flexible_server_configuration",
		"azurerm_mysql_server",
		"azurerm_postgresql_flexible_server_configuration",
		"azurerm_postgresql_server",
	}
	some v in old_tls_allowed
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

old_tls_allowed contains v if {
	input.type in object.keys(single_server_kinds)
	r := input.resource
	weak_single_server_tls(r.ssl_minimal_tls_version_enforced)
	v := {
		"location": lib.attr_loc(r, "ssl_minimal_tls_version_enforced"),
		"message": sprintf("%s %q allows TLS older than %s (ssl_minimal_tls_version_enforced = %q)", [single_server_kinds[input.type], input.name, tls.minimum_name, r.ssl_minimal_tls_version_enforced]),
	}
}

old_tls_allowed contains v if {
	input.type in object.keys(configuration_kinds)
	r := input.resource
	lower_str(r.name) in {"tls_version", "ssl_min_protocol_version"}
	is_string(r.value)
	some version in split(r.value, ",")
	tls.below_minimum(version)
	v := {
		"location": lib.attr_loc(r, "value"),
		"message": sprintf("%s %q allows TLS older than %s (%s = %q)", [configuration_kinds[input.type], input.name, tls.minimum_name, r.name, r.value]),
	}
}

weak_single_server_tls(v) if tls.below_minimum(v)

weak_single_server_tls("TLSEnforcementDisabled")

lower_str(x) := lower(x) if is_string(x)
