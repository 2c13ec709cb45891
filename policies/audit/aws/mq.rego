package tollgate.audit.aws.mq

import data.tollgate.lib
import rego.v1

# METADATA
# title: Amazon MQ ActiveMQ broker does not publish audit logs
# description: |
#   An aws_mq_broker with engine_type ActiveMQ has no logs { audit = true } (audit logs
#   are off by default): management actions taken through JMX or the ActiveMQ web console
#   (creating and deleting destinations, purging queues, changing users) leave no record
#   in CloudWatch Logs. RabbitMQ brokers have no audit log and are not reported.
# related_resources:
# - https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-configure-cloudwatch.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mq_broker#audit
# custom:
#   id: TG-AWS-221
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add logs { audit = true } (with general = true) to the broker.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_mq_broker"
	r := input.resource
	is_string(r.engine_type)
	lower(r.engine_type) == "activemq"
	some v in problems(r)
	msg := sprintf("Amazon MQ broker %q does not publish audit logs (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

problems(r) := {{"text": "no logs block", "location": lib.loc(r)}} if {
	lib.missing(r, "logs")
} else := {{"text": "no logs block", "location": lib.loc(r)}} if {
	r.logs == []
} else := {v |
	some logs in r.logs
	some v in audit_off(logs)
}

audit_off(logs) := {{"text": "logs.audit = false", "location": lib.attr_loc(logs, "audit")}} if {
	lib.is_false(logs.audit)
} else := {{"text": "logs.audit is not set, default false", "location": lib.loc(logs)}} if {
	lib.missing(logs, "audit")
} else := set()
