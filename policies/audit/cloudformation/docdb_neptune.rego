package tollgate.audit.cloudformation.docdb_neptune

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::DocDB::DBCluster": "DocumentDB cluster",
	"AWS::Neptune::DBCluster": "Neptune cluster",
}

# The log export property of each cluster type.
export_key := {
	"AWS::DocDB::DBCluster": "EnableCloudwatchLogsExports",
	"AWS::Neptune::DBCluster": "EnableCloudwatchLogsExports",
}

# METADATA
# title: CloudFormation DocumentDB or Neptune audit logs are not exported
# description: |
#   The EnableCloudwatchLogsExports of an AWS::DocDB::DBCluster or AWS::Neptune::DBCluster
#   does not include "audit" (nothing is exported by default): authentication attempts,
#   and the queries and changes made by each user, are not sent to CloudWatch Logs. The
#   cluster parameter group must also turn auditing on (audit_logs for DocumentDB,
#   neptune_enable_audit_log for Neptune). A list the template does not decide is not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-docdb-dbcluster.html#cfn-docdb-dbcluster-enablecloudwatchlogsexports
# - https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html
# - https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html
# custom:
#   id: TG-CFN-099
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add "audit" to EnableCloudwatchLogsExports (and "profiler" for DocumentDB if slow operations matter), and enable auditing in the cluster parameter group.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {"AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"}
	kind := kinds[input.type]
	key := export_key[input.type]
	p := input.resource.Properties
	not lib.unknown(p, key)
	not "audit" in helpers.strings_of(object.get(p, key, []))
	msg := sprintf("%s %q does not export audit logs to CloudWatch Logs (%s has no \"audit\")", [kind, input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, key), msg)
}
