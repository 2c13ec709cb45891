package tollgate.audit.aws.docdb_neptune

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# The attribute that lists the exported logs differs between the two services.
export_attributes := {
	"aws_docdb_cluster": ["DocumentDB cluster", "enabled_cloudwatch_logs_exports"],
	"aws_neptune_cluster": ["Neptune cluster", "enable_cloudwatch_logs_exports"],
}

# METADATA
# title: DocumentDB or Neptune audit logs are not exported
# description: |
#   The log exports of an aws_docdb_cluster (enabled_cloudwatch_logs_exports) or
#   aws_neptune_cluster (enable_cloudwatch_logs_exports) do not include "audit":
#   authentication attempts, and the queries and changes made by each user, are not
#   sent to CloudWatch Logs. The cluster parameter group must also turn auditing on
#   (audit_logs for DocumentDB, neptune_enable_audit_log for Neptune).
# related_resources:
# - https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html
# - https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html
# custom:
#   id: TG-AWS-180
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add "audit" to the cluster's log exports and enable auditing in its cluster parameter group.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"aws_docdb_cluster", "aws_neptune_cluster"}
	[kind, key] := export_attributes[input.type]
	r := input.resource
	not lib.unknown(r, key)
	not "audit" in helpers.strings_of(object.get(r, key, []))
	msg := sprintf("%s %q does not export audit logs to CloudWatch Logs (%s has no \"audit\")", [kind, input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}
