package tollgate.audit.aws.msk

import data.tollgate.lib
import rego.v1

destinations := ["cloudwatch_logs", "firehose", "s3"]

# METADATA
# title: MSK cluster does not deliver broker logs
# description: |
#   The aws_msk_cluster has no logging_info block, or its broker_logs enable none of
#   cloudwatch_logs, firehose and s3 (each is off unless enabled = true): the brokers'
#   logs (authentication failures, ACL denials, client errors) are kept nowhere to be
#   searched after an incident. A destination whose enabled value is not known
#   statically is taken as enabled.
# related_resources:
# - https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_cluster#logging_info
# custom:
#   id: TG-AWS-218
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add logging_info { broker_logs { cloudwatch_logs { enabled = true, log_group = ... } } } (or firehose or s3).
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_msk_cluster"
	some v in problems
	msg := sprintf("MSK cluster %q does not deliver its broker logs anywhere (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

problems contains {"text": "no logging_info block", "location": lib.loc(input.resource)} if {
	absent(input.resource, "logging_info")
}

problems contains {"text": "no broker_logs block", "location": lib.loc(info)} if {
	some info in input.resource.logging_info
	absent(info, "broker_logs")
}

problems contains {"text": "no destination is enabled", "location": lib.loc(logs)} if {
	some info in input.resource.logging_info
	some logs in info.broker_logs
	not any_enabled(logs)
}

absent(obj, key) if lib.missing(obj, key)

absent(obj, key) if obj[key] == []

any_enabled(logs) if {
	some d in destinations
	some block in logs[d]
	enabled(block)
}

any_enabled(logs) if {
	some d in destinations
	lib.unknown(logs, d)
}

enabled(block) if lib.is_true(block.enabled)

enabled(block) if lib.unknown(block, "enabled")
