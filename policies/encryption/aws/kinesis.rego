package tollgate.encryption.aws.kinesis

import data.tollgate.lib
import rego.v1

# METADATA
# title: Kinesis data stream is not encrypted
# description: |
#   encryption_type is "NONE", or not set (its default is NONE), on an
#   aws_kinesis_stream: records, which often carry events with personal data, are
#   stored unencrypted for the whole retention period.
# related_resources:
# - https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/kinesis-controls.html#kinesis-1
# custom:
#   id: TG-AWS-114
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set encryption_type = "KMS" with kms_key_id (a customer managed key, or "alias/aws/kinesis").
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_kinesis_stream"
	r := input.resource
	problem := unencrypted(r)
	msg := sprintf("Kinesis stream %q is not encrypted at rest (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "encryption_type"), msg)
}

unencrypted(r) := "encryption_type = \"NONE\"" if {
	r.encryption_type == "NONE"
} else := "encryption_type is not set, default NONE" if {
	lib.missing(r, "encryption_type")
}
