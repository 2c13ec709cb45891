package tollgate.audit.aws.rds_aurora_audit

import data.tollgate.lib
import rego.v1

# METADATA
# title: Aurora MySQL cluster does not export its audit log
# description: |
#   An aws_rds_cluster of a MySQL-compatible engine (aurora-mysql, aurora, mysql) does not
#   list "audit" in enabled_cloudwatch_logs_exports: the Advanced Auditing records of
#   connections, queries and privilege changes stay on the instances, where they rotate away
#   and cannot be searched, alarmed on or kept apart from the database's administrators.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Auditing.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#enabled_cloudwatch_logs_exports
# custom:
#   id: TG-AWS-475
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add "audit" to enabled_cloudwatch_logs_exports and turn on server_audit_logging (with server_audit_events) in the cluster parameter group.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_rds_cluster"
	r := input.resource
	r.engine in {"aurora-mysql", "aurora", "mysql"}
	not lib.unknown(r, "enabled_cloudwatch_logs_exports")
	exports := object.get(r, "enabled_cloudwatch_logs_exports", [])
	not "audit" in exports
	not unknown_item(exports)
	msg := sprintf("RDS cluster %q does not export its audit log to CloudWatch Logs (enabled_cloudwatch_logs_exports = %s)", [input.name, shown(r)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enabled_cloudwatch_logs_exports"), msg)
}

unknown_item(exports) if {
	some e in exports
	not is_string(e)
}

shown(r) := "not set" if {
	lib.missing(r, "enabled_cloudwatch_logs_exports")
} else := sprintf("%v", [r.enabled_cloudwatch_logs_exports])
