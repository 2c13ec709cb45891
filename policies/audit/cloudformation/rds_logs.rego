package tollgate.audit.cloudformation.rds_logs

import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

# METADATA
# title: CloudFormation RDS database logs are not exported to CloudWatch Logs
# description: |
#   EnableCloudwatchLogsExports is not set, or empty, on an AWS::RDS::DBInstance or
#   AWS::RDS::DBCluster: the engine's error, audit and slow query logs stay on the
#   instance, rotate away within days, and cannot be searched or alarmed on, so failed
#   logins and suspicious queries go unnoticed. Aurora instances, whose cluster exports
#   the logs, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-enablecloudwatchlogsexports
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
# custom:
#   id: TG-CFN-056
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: 'Set EnableCloudwatchLogsExports to the engine''s logs: [postgresql] for PostgreSQL, [audit, error, general, slowquery] for MySQL and MariaDB, [error, agent] for SQL Server, [alert, audit, listener, trace] for Oracle.'
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	p := input.resource.Properties
	exports_own_logs(p)
	problem := no_exports(p)
	msg := sprintf("%s %q does not export its logs to CloudWatch Logs (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "EnableCloudwatchLogsExports"), msg)
}

exports_own_logs(_) if input.type == "AWS::RDS::DBCluster"

exports_own_logs(p) if {
	input.type == "AWS::RDS::DBInstance"
	lib.missing(p, "DBClusterIdentifier")
}

no_exports(p) := "EnableCloudwatchLogsExports is not set" if {
	lib.missing(p, "EnableCloudwatchLogsExports")
} else := "EnableCloudwatchLogsExports is empty" if {
	p.EnableCloudwatchLogsExports == []
}
