package tollgate.encryption.aws.rds_tls

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_parameter_group": "RDS parameter group",
	"aws_rds_cluster_parameter_group": "RDS cluster parameter group",
	"aws_db_instance": "RDS instance",
}

# METADATA
# title: RDS database does not require TLS connections
# description: |
#   The parameter that makes the database engine refuse unencrypted connections is off in an
#   aws_db_parameter_group or aws_rds_cluster_parameter_group, or left at an engine default
#   that is off: rds.force_ssl = 1 for PostgreSQL (on by default from version 15),
#   Aurora PostgreSQL and SQL Server, require_secure_transport = 1 for MySQL (on by default
#   from 9.7), MariaDB (from 11.8) and Aurora MySQL, db2comm = SSL for Db2. An aws_db_instance of those engines that names no
#   parameter_group_name uses the engine's default group, which leaves the parameter at that
#   default, and is reported too. Clients may then send credentials and data in clear text.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html
# custom:
#   id: TG-AWS-464
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Use a parameter group of your own with parameter { name = "rds.force_ssl", value = "1" } (PostgreSQL, SQL Server), { name = "require_secure_transport", value = "1" } (MySQL, MariaDB) or { name = "db2comm", value = "SSL" } (Db2), and set parameter_group_name on the instance.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"aws_db_parameter_group", "aws_rds_cluster_parameter_group", "aws_db_instance"}
	some v in group_problems | instance_problems
	msg := sprintf("%s %q does not require TLS connections (%s)", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# The TLS parameter of an engine family (the parameter group's family, e.g. "postgres14",
# "aurora-mysql8.0", "sqlserver-se-15.0", "db2-ae-11.5"), and whether the engine's default
# leaves it off.
setting(family) := {"name": "rds.force_ssl", "want": "1"} if regex.match(`^(postgres|aurora-postgresql|sqlserver)`, family)

setting(family) := {"name": "require_secure_transport", "want": "1"} if regex.match(`^(mysql|mariadb|aurora-mysql|aurora[0-9.]*$)`, family)

setting(family) := {"name": "db2comm", "want": "SSL"} if startswith(family, "db2")

# Engine versions whose default turns the parameter on: RDS for PostgreSQL from 15, MySQL
# from 9.7, MariaDB from 11.8.
default_on(family) if version_at_least(family, "postgres", [15, 0])

default_on(family) if version_at_least(family, "mysql", [9, 7])

default_on(family) if version_at_least(family, "mariadb", [11, 8])

version_at_least(family, engine, minimum) if {
	m := regex.find_all_string_submatch_n(sprintf(`^%s([0-9]+)(?:\.([0-9]+))?`, [engine]), family, 1)
	count(m) == 1
	minor := to_number(object.get({"": "0"}, m[0][2], m[0][2]))
	[to_number(m[0][1]), minor] >= minimum
}

group_problems contains v if {
	input.type != "aws_db_instance"
	r := input.resource
	is_string(r.family)
	s := setting(lower(r.family))
	some p in object.get(r, "parameter", [])
	p.name == s.name
	not lib.unknown(p, "value")
	not satisfied(s, p.value)
	v := {"text": sprintf("%s = %v", [s.name, p.value]), "location": lib.attr_loc(p, "value")}
}

group_problems contains v if {
	input.type != "aws_db_instance"
	r := input.resource
	is_string(r.family)
	family := lower(r.family)
	s := setting(family)
	not default_on(family)
	not sets(r, s.name)
	v := {"text": sprintf("%s is not set, the engine default is off", [s.name]), "location": lib.loc(r)}
}

# sets(r, name): a parameter block names name, or its name is unknown.
sets(r, name) if {
	some p in object.get(r, "parameter", [])
	p.name == name
}

sets(r, _) if {
	some p in object.get(r, "parameter", [])
	not is_string(object.get(p, "name", null))
}

sets(r, _) if lib.unknown(r, "parameter")

satisfied(s, value) if {
	s.want == "1"
	lower(sprintf("%v", [value])) in {"1", "on", "true"}
}

satisfied(s, value) if {
	s.want == "SSL"
	contains(upper(sprintf("%v", [value])), "SSL")
}

# An instance without parameter_group_name runs with the engine's default group.
instance_problems contains v if {
	input.type == "aws_db_instance"
	r := input.resource
	lib.missing(r, "parameter_group_name")
	lib.missing(r, "replicate_source_db")
	is_string(r.engine)
	engine := lower(r.engine)
	not startswith(engine, "aurora") # cluster members take TLS settings from the cluster's group
	s := setting(instance_family(r, engine))
	not default_on(instance_family(r, engine))
	v := {
		"text": sprintf("no parameter_group_name: the default %s group leaves %s off", [r.engine, s.name]),
		"location": lib.loc(r),
	}
}

# instance_family is the engine name followed by its engine_version ("mysql8.0.35",
# "postgres14.7"), as far as the rule needs a family. A PostgreSQL or MariaDB instance
# without a known engine_version gets RDS's current default version, whose parameter
# default may be on, and is not reported.
instance_family(r, engine) := concat("", [engine, r.engine_version]) if {
	is_string(r.engine_version)
} else := concat("", [engine, "99"]) if {
	engine in {"postgres", "mariadb"}
} else := engine
