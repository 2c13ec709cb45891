package tollgate.encryption.cloudformation.s3_tls

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation S3 bucket policy does not require TLS
# description: |
#   The PolicyDocument of an AWS::S3::BucketPolicy has no Deny statement conditioned on
#   aws:SecureTransport being false (Bool or BoolIfExists): clients may read and write the
#   bucket over plain HTTP, exposing the data and the request signatures on the network.
#   A statement on s3:TlsVersion alone does not count: a plain HTTP request has no TLS
#   version, so the condition does not match it. A document the template does not
#   decide, or with a statement whose Condition it does not decide, is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
# custom:
#   id: TG-CFN-023
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: 'Add a statement {Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN/*], Condition: {Bool: {"aws:SecureTransport": "false"}}}.'
#   frameworks:
#     cis-aws-2.0: ["2.1.1"]
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "AWS::S3::BucketPolicy"
	p := input.resource.Properties
	doc := helpers.document(p.PolicyDocument)
	not requires_tls(doc)
	msg := sprintf("S3 bucket policy %q does not deny requests over plain HTTP (no Deny statement with aws:SecureTransport false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), helpers.where(doc, p, "PolicyDocument"), msg)
}

requires_tls(doc) if {
	some s in helpers.statements(doc)
	s.Effect == "Deny"
	some operator, condition in s.Condition
	denies_plain_http(operator, condition)
}

# A Condition the template does not decide may be that statement's.
requires_tls(doc) if {
	some s in helpers.statements(doc)
	lib.unknown(s, "Condition")
}

denies_plain_http(operator, condition) if {
	operator in {"Bool", "BoolIfExists"}
	some key, value in condition
	lower(key) == "aws:securetransport"
	some v in helpers.as_list(value)
	lib.is_false(v)
}
