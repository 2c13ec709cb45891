package tollgate.audit.cloudformation.mq

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Amazon MQ ActiveMQ broker does not publish audit logs
# description: |
#   An AWS::AmazonMQ::Broker whose EngineType is ActiveMQ does not set Logs.Audit to true
#   (audit logs are off by default): management actions taken through JMX or the ActiveMQ
#   web console (creating and deleting destinations, purging queues, changing users) leave
#   no record in CloudWatch Logs. RabbitMQ brokers have no audit log and are not reported,
#   nor is a broker whose engine the template does not decide.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-amazonmq-broker-logslist.html
# - https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-configure-cloudwatch.html
# custom:
#   id: TG-CFN-098
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set Logs.Audit to true (with Logs.General) on ActiveMQ brokers.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "AWS::AmazonMQ::Broker"
	p := input.resource.Properties
	is_string(p.EngineType)
	lower(p.EngineType) == "activemq"
	some v in problems(p)
	msg := sprintf("Amazon MQ broker %q does not publish audit logs (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

problems(p) := {{"text": "no Logs", "location": lib.loc(p)}} if {
	lib.missing(p, "Logs")
} else := {{"text": text, "location": lib.attr_loc(p.Logs, "Audit")}} if {
	is_object(p.Logs)
	text := helpers.off(p.Logs, "Audit")
} else := set()
