package tollgate.encryption.cloudformation.rds_tls

import data.tollgate.encryption.aws.rds_tls as engines
import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::RDS::DBParameterGroup": "RDS parameter group",
	"AWS::RDS::DBClusterParameterGroup": "RDS cluster parameter group",
	"AWS::RDS::DBInstance": "RDS instance",
}

# METADATA
# title: CloudFormation RDS database does not require TLS connections
# description: |
#   The parameter that makes the database engine refuse unencrypted connections is off in
#   an AWS::RDS::DBParameterGroup or AWS::RDS::DBClusterParameterGroup, or left at an engine
#   default that is off: rds.force_ssl = 1 for PostgreSQL (on by default from version 15),
#   Aurora PostgreSQL and SQL Server, require_secure_transport = 1 for MySQL (on by default
#   from 9.7), MariaDB (from 11.8) and Aurora MySQL, db2comm = SSL for Db2. An
#   AWS::RDS::DBInstance of those engines without DBParameterGroupName, or naming an RDS
#   default group (default.postgres14...), runs with the engine's default group and is
#   reported too. Clients may then send credentials and data in clear text. Aurora members
#   and read replicas take their settings from their cluster and source, and a group
#   defined outside the template is not judged.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbparametergroup.html
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html
# custom:
#   id: TG-CFN-198
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: 'Give the instance a parameter group of the template (DBParameterGroupName: !Ref Group) whose Parameters set "rds.force_ssl": "1" (PostgreSQL, SQL Server), require_secure_transport: "1" (MySQL, MariaDB) or db2comm: SSL (Db2).'
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"AWS::RDS::DBParameterGroup", "AWS::RDS::DBClusterParameterGroup", "AWS::RDS::DBInstance"}
	some v in (group_problems | instance_problems)
	msg := sprintf("%s %q does not require TLS connections (%s)", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# A parameter set to a value that does not require TLS.
group_problems contains v if {
	input.type != "AWS::RDS::DBInstance"
	p := input.resource.Properties
	is_string(p.Family)
	s := engines.setting(lower(p.Family))
	params := p.Parameters
	is_object(params)
	value := params[s.name]
	not engines.satisfied(s, value)
	v := {"text": sprintf("%s = %v", [s.name, value]), "location": lib.attr_loc(params, s.name)}
}

# The parameter left out, where the engine's default is off.
group_problems contains v if {
	input.type != "AWS::RDS::DBInstance"
	p := input.resource.Properties
	is_string(p.Family)
	family := lower(p.Family)
	s := engines.setting(family)
	not engines.default_on(family)
	not lib.unknown(p, "Parameters")
	params := object.get(p, "Parameters", {})
	is_object(params)
	lib.missing(params, s.name)
	v := {"text": sprintf("%s is not set, the engine default is off", [s.name]), "location": lib.loc(object.get(p, "Parameters", p))}
}

# An instance without a group of its own runs with the engine's default group.
instance_problems contains v if {
	input.type == "AWS::RDS::DBInstance"
	p := input.resource.Properties
	default_group(p)
	lib.missing(p, "SourceDBInstanceIdentifier")
	lib.missing(p, "SourceDBClusterIdentifier")
	lib.missing(p, "DBClusterIdentifier")
	is_string(p.Engine)
	engine := lower(p.Engine)
	not startswith(engine, "aurora") # cluster members take TLS settings from the cluster's group
	family := instance_family(p, engine)
	s := engines.setting(family)
	not engines.default_on(family)
	v := {
		"text": sprintf("%s: the default %s group leaves %s off", [group_text(p), p.Engine, s.name]),
		"location": group_loc(p),
	}
}

default_group(p) if lib.missing(p, "DBParameterGroupName")

default_group(p) if {
	is_string(p.DBParameterGroupName)
	startswith(p.DBParameterGroupName, "default.")
}

group_text(p) := sprintf("DBParameterGroupName = %q", [p.DBParameterGroupName]) if is_string(p.DBParameterGroupName)

else := "no DBParameterGroupName"

group_loc(p) := lib.attr_loc(p, "DBParameterGroupName") if is_string(p.DBParameterGroupName)

else := lib.loc(p)

# instance_family is the engine followed by its EngineVersion ("mysql8.0.35",
# "postgres14.7"), as far as the rule needs a family. A PostgreSQL or MariaDB instance
# without a known EngineVersion gets RDS's current default version, whose parameter
# default may be on, and is not reported.
instance_family(p, engine) := concat("", [engine, sprintf("%v", [version])]) if {
	version := p.EngineVersion
	scalar(version)
} else := concat("", [engine, "99"]) if {
	engine in {"postgres", "mariadb"}
} else := engine

scalar(v) if is_string(v)

scalar(v) if is_number(v)
