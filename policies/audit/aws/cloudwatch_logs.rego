package tollgate.audit.aws.cloudwatch_logs

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# One year, the retention PCI DSS 10.5.1 asks of audit logs.
min_log_retention_days := lib.param("min_log_retention_days")

# METADATA
# title: CloudWatch log group keeps logs for less than a year
# description: |
#   retention_in_days on an aws_cloudwatch_log_group is set, and lower than 365: the
#   events expire before most breaches are even discovered (and before the year that
#   audit and PCI DSS investigations need). A retention of 0, or none, keeps events
#   forever and is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16
# custom:
#   id: TG-AWS-185
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set retention_in_days to 365 or more (or export the logs to S3 with a lifecycle that keeps them for a year).
#   frameworks:
#     nist-800-53: ["AU-11"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.5.1"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	r := input.resource
	days := helpers.number(r.retention_in_days)
	days > 0
	days < min_log_retention_days
	msg := sprintf("CloudWatch log group %q keeps logs for %d days, less than %d (retention_in_days)", [input.name, days, min_log_retention_days])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "retention_in_days"), msg)
}
