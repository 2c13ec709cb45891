package tollgate.audit.aws.docdb_audit

import data.tollgate.lib
import rego.v1

# METADATA
# title: DocumentDB parameter group does not enable audit logs
# description: |
#   An aws_docdb_cluster_parameter_group leaves the audit_logs parameter unset (its default
#   is "disabled") or sets it to "disabled" or "none": the clusters that use it record no
#   authentication attempts, user management or data definition events, even when they
#   export an audit log to CloudWatch Logs.
# related_resources:
# - https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_cluster_parameter_group
# custom:
#   id: TG-AWS-466
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add parameter { name = "audit_logs", value = "all" } (or "ddl" at least) and export the audit log with enabled_cloudwatch_logs_exports = ["audit"] on the cluster.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_docdb_cluster_parameter_group"
	some v in problems
	msg := sprintf("DocumentDB cluster parameter group %q does not enable audit logs (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

params := object.get(input.resource, "parameter", [])

problems contains v if {
	some p in params
	p.name == "audit_logs"
	is_string(p.value)
	lower(trim_space(p.value)) in {"disabled", "none", ""}
	v := {"text": sprintf("audit_logs = %q", [p.value]), "location": lib.attr_loc(p, "value")}
}

problems contains v if {
	not lib.unknown(input.resource, "parameter")
	not names_audit_logs
	v := {"text": "audit_logs is not set, default disabled", "location": lib.loc(input.resource)}
}

# A parameter named audit_logs, or one whose name is not known statically.
names_audit_logs if {
	some p in params
	p.name == "audit_logs"
}

names_audit_logs if {
	some p in params
	not is_string(object.get(p, "name", null))
}
