package tollgate.audit.aws.rds_query_logging

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_parameter_group": "RDS parameter group",
	"aws_rds_cluster_parameter_group": "RDS cluster parameter group",
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster": "RDS cluster",
}

# METADATA
# title: PostgreSQL database does not log queries
# description: |
#   A PostgreSQL or Aurora PostgreSQL aws_db_parameter_group or
#   aws_rds_cluster_parameter_group does not set log_statement to ddl, mod or all, or
#   log_min_duration_statement to 0 or more: with the engine defaults (none and -1) schema
#   and data changes, or slow queries, leave no trace in the PostgreSQL log. A postgres aws_db_instance without parameter_group_name, or an
#   aurora-postgresql aws_rds_cluster without db_cluster_parameter_group_name, runs with
#   those defaults and is reported too.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.Query_Logging.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_parameter_group
# custom:
#   id: TG-AWS-480
#   severity: low
#   category: audit
#   provider: aws
#   remediation: In a parameter group of your own, add parameter { name = "log_statement", value = "ddl" } (or "mod") and parameter { name = "log_min_duration_statement", value = "1000" }, use it on the database, and export the postgresql log (enabled_cloudwatch_logs_exports).
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {"aws_db_parameter_group", "aws_rds_cluster_parameter_group", "aws_db_instance", "aws_rds_cluster"}
	some v in problems
	msg := sprintf("%s %q does not log queries (%s)", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

params := object.get(input.resource, "parameter", [])

problems contains v if {
	input.type in {"aws_db_parameter_group", "aws_rds_cluster_parameter_group"}
	r := input.resource
	is_string(r.family)
	regex.match(`^(postgres|aurora-postgresql)`, lower(r.family))
	not lib.unknown(r, "parameter")
	not any_unknown_name
	some name in {"log_statement", "log_min_duration_statement"}
	some v in setting_problem(name)
}

# setting_problem(name) describes the parameter name when it does not log statements: at
# its location when set, at the group when not.
setting_problem(name) := {v} if {
	some p in params
	p.name == name
	not lib.unknown(p, "value")
	not logs(name, p.value)
	v := {"text": sprintf("%s = %v", [name, p.value]), "location": lib.attr_loc(p, "value")}
} else := {v} if {
	not named(name)
	v := {"text": sprintf("%s is not set, default %s", [name, defaults[name]]), "location": lib.loc(input.resource)}
} else := set()

defaults := {"log_statement": "none", "log_min_duration_statement": "-1"}

logs("log_statement", value) if {
	is_string(value)
	lower(value) in {"ddl", "mod", "all"}
}

logs("log_min_duration_statement", value) if helpers.number(value) >= 0

named(name) if {
	some p in params
	p.name == name
}

any_unknown_name if {
	some p in params
	not is_string(object.get(p, "name", null))
}

problems contains v if {
	input.type == "aws_db_instance"
	r := input.resource
	r.engine == "postgres"
	lib.missing(r, "parameter_group_name")
	lib.missing(r, "replicate_source_db")
	v := {"text": "no parameter_group_name: the default group logs no statements", "location": lib.loc(r)}
}

problems contains v if {
	input.type == "aws_rds_cluster"
	r := input.resource
	r.engine == "aurora-postgresql"
	lib.missing(r, "db_cluster_parameter_group_name")
	v := {"text": "no db_cluster_parameter_group_name: the default group logs no statements", "location": lib.loc(r)}
}
