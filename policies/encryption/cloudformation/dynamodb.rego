package tollgate.encryption.cloudformation.dynamodb

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation DynamoDB table is not encrypted with a customer managed key
# description: |
#   The AWS::DynamoDB::Table has no SSESpecification, or one with SSEEnabled false (the
#   table is then encrypted with an AWS owned key), or SSEEnabled true without
#   KMSMasterKeyId (the AWS managed key aws/dynamodb). With either, the account cannot
#   write the key policy: access to the data cannot be revoked separately from DynamoDB
#   permissions, and key use is not audited per key.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-table-ssespecification.html
# - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
# custom:
#   id: TG-CFN-027
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: In SSESpecification, set SSEEnabled to true, SSEType to KMS and KMSMasterKeyId to a customer managed KMS key.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "AWS::DynamoDB::Table"
	p := input.resource.Properties
	v := default_key(p)
	msg := sprintf("DynamoDB table %q is not encrypted with a customer managed key (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

default_key(p) := {"text": "SSESpecification is not set: AWS owned key", "location": lib.loc(p)} if {
	lib.missing(p, "SSESpecification")
}

default_key(p) := {"text": "SSEEnabled is not true: AWS owned key", "location": lib.attr_loc(sse, "SSEEnabled")} if {
	sse := p.SSESpecification
	not lib.is_true(object.get(sse, "SSEEnabled", false)) # an absent SSEEnabled is false
	not lib.unknown(sse, "SSEEnabled")
}

default_key(p) := {"text": "no KMSMasterKeyId: AWS managed key aws/dynamodb", "location": lib.loc(sse)} if {
	sse := p.SSESpecification
	lib.is_true(sse.SSEEnabled)
	lib.missing(sse, "KMSMasterKeyId")
}
