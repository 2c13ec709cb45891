package tollgate.audit.cloudformation.msk

import data.tollgate.lib
import rego.v1

destinations := ["CloudWatchLogs", "Firehose", "S3"]

# METADATA
# title: CloudFormation MSK cluster does not deliver broker logs
# description: |
#   An AWS::MSK::Cluster has no LoggingInfo.BrokerLogs, or its BrokerLogs enable none of
#   CloudWatchLogs, Firehose and S3 (each is off unless Enabled is true): the brokers' logs
#   (authentication failures, ACL denials, client errors) are kept nowhere to be searched
#   after an incident. A destination or Enabled value the template does not decide is taken
#   as enabled.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-msk-cluster-brokerlogs.html
# - https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html
# custom:
#   id: TG-CFN-097
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add LoggingInfo.BrokerLogs with CloudWatchLogs (Enabled true and a LogGroup), Firehose or S3 as the destination.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "AWS::MSK::Cluster"
	some v in problems
	msg := sprintf("MSK cluster %q does not deliver its broker logs anywhere (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

problems contains {"text": "no LoggingInfo", "location": lib.loc(p)} if {
	p := input.resource.Properties
	lib.missing(p, "LoggingInfo")
}

problems contains {"text": "no LoggingInfo.BrokerLogs", "location": lib.loc(info)} if {
	info := input.resource.Properties.LoggingInfo
	is_object(info)
	lib.missing(info, "BrokerLogs")
}

problems contains {"text": "no destination is enabled", "location": lib.loc(logs)} if {
	logs := input.resource.Properties.LoggingInfo.BrokerLogs
	is_object(logs)
	not any_enabled(logs)
}

any_enabled(logs) if {
	some d in destinations
	lib.is_true(logs[d].Enabled)
}

any_enabled(logs) if {
	some d in destinations
	lib.unknown(logs[d], "Enabled")
}

any_enabled(logs) if {
	some d in destinations
	lib.unknown(logs, d)
}
