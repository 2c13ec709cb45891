package tollgate.audit.aws.rds_logs

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster": "RDS cluster",
}

# METADATA
# title: RDS database logs are not exported to CloudWatch Logs
# description: |
#   enabled_cloudwatch_logs_exports is not set, or empty, on an aws_db_instance or
#   aws_rds_cluster: the engine's error, audit, general and slow query (or postgresql)
#   logs stay on the instance, where they rotate away within days and are lost with it,
#   out of reach of alerting and investigations. Aurora Serverless v1 clusters, which
#   cannot export logs, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-9
# custom:
#   id: TG-AWS-170
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Set enabled_cloudwatch_logs_exports to the engine's logs (e.g. ["postgresql", "upgrade"], or ["audit", "error", "general", "slowquery"] for MySQL) and give the log groups a retention.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"aws_db_instance", "aws_rds_cluster"}
	r := input.resource
	not r.engine_mode == "serverless"
	problem := no_exports(r)
	msg := sprintf("%s %q does not export its logs to CloudWatch Logs (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enabled_cloudwatch_logs_exports"), msg)
}

no_exports(r) := "enabled_cloudwatch_logs_exports is empty" if {
	r.enabled_cloudwatch_logs_exports == []
} else := "enabled_cloudwatch_logs_exports is not set" if {
	lib.missing(r, "enabled_cloudwatch_logs_exports")
}
