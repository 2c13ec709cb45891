package tollgate.encryption.aws.firehose

import data.tollgate.lib
import rego.v1

# METADATA
# title: Kinesis Firehose delivery stream is not encrypted with a customer managed key
# description: |
#   The server_side_encryption block of an aws_kinesis_firehose_delivery_stream enables
#   encryption with key_type AWS_OWNED_CMK (the default) or without key_arn: the records
#   Firehose buffers are encrypted with a key AWS owns, whose use the account cannot restrict
#   with a key policy, audit per key or revoke. A stream without encryption is reported by
#   TG-AWS-232; a stream reading from a Kinesis data stream (kinesis_source_configuration)
#   takes that stream's encryption and is not reported.
# related_resources:
# - https://docs.aws.amazon.com/firehose/latest/dev/encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kinesis_firehose_delivery_stream#server_side_encryption
# custom:
#   id: TG-AWS-478
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set server_side_encryption { enabled = true, key_type = "CUSTOMER_MANAGED_CMK", key_arn = aws_kms_key.<name>.arn }.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_kinesis_firehose_delivery_stream"
	r := input.resource
	lib.missing(r, "kinesis_source_configuration")
	some sse in r.server_side_encryption
	lib.is_true(sse.enabled)
	some v in key_problem(sse)
	msg := sprintf("Kinesis Firehose delivery stream %q is not encrypted with a customer managed key (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

key_problem(sse) := {{"text": "key_type is not set, default AWS_OWNED_CMK", "location": lib.loc(sse)}} if {
	lib.missing(sse, "key_type")
} else := {{"text": sprintf("key_type = %q", [sse.key_type]), "location": lib.attr_loc(sse, "key_type")}} if {
	sse.key_type != "CUSTOMER_MANAGED_CMK"
} else := {{"text": "key_arn is not set", "location": lib.loc(sse)}} if {
	sse.key_type == "CUSTOMER_MANAGED_CMK"
	lib.missing(sse, "key_arn")
} else := set()
