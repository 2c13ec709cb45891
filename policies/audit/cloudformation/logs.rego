package tollgate.audit.cloudformation.logs

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation CloudWatch log group keeps logs for less than a year
# description: |
#   RetentionInDays on an AWS::Logs::LogGroup is lower than the min_log_retention_days
#   parameter (365 by default): the events expire before most breaches are even
#   discovered, and before the year that audit and PCI DSS investigations need. A log
#   group without RetentionInDays keeps its events forever and is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html#cfn-logs-loggroup-retentionindays
# - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
# custom:
#   id: TG-CFN-057
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set RetentionInDays to 365 or more (or export the logs to S3 with a lifecycle that keeps them for a year).
#   frameworks:
#     nist-800-53: ["AU-11"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.5.1"]
deny contains finding if {
	input.type == "AWS::Logs::LogGroup"
	p := input.resource.Properties
	days := helpers.number(p.RetentionInDays)
	minimum := helpers.number(lib.param("min_log_retention_days"))
	days < minimum
	msg := sprintf("CloudWatch log group %q keeps logs for %d days, less than %d (RetentionInDays)", [input.name, days, minimum])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "RetentionInDays"), msg)
}
