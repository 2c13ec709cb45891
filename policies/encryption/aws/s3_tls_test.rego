package tollgate.encryption.aws.s3_tls_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.s3_tls
import rego.v1

policy_json(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

deny_http := {
	"Sid": "DenyInsecureTransport",
	"Effect": "Deny",
	"Principal": "*",
	"Action": "s3:*",
	"Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

reader := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-data/*"}

# resource "aws_s3_bucket_policy" "data" {   # line 1
#   bucket = aws_s3_bucket.data.id           # line 2 (unknown)
#   policy = jsonencode({...})               # lines 3-15
# }                                          # line 16
bucket_policy(policy) := fx.doc("aws_s3_bucket_policy", "data", fx.block(1, 16, {"bucket": fx.unknown, "policy": policy}, {"bucket": 2, "policy": [3, 15]}))

test_tg_aws_090_violation if {
	findings := s3_tls.deny with input as bucket_policy(policy_json([reader]))
	fx.found(findings, "TG-AWS-090", fx.span(3, 15), `S3 bucket policy "data" does not deny requests without TLS (no Deny statement on aws:SecureTransport = false)`)
	count(findings) == 1
}

test_tg_aws_090_compliant if {
	count(s3_tls.deny) == 0 with input as bucket_policy(policy_json([reader, deny_http]))
	bool_if_exists := json.patch(deny_http, [
		{"op": "remove", "path": "/Condition/Bool"},
		{"op": "add", "path": "/Condition/BoolIfExists", "value": {"aws:securetransport": false}},
	])
	count(s3_tls.deny) == 0 with input as bucket_policy(policy_json(bool_if_exists))
}

test_tg_aws_090_allow_on_secure_transport_is_not_enough if {
	allow_tls := object.union(reader, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	count(s3_tls.deny) == 1 with input as bucket_policy(policy_json([allow_tls]))
}

test_tg_aws_090_unknown_policy_does_not_fire if {
	count(s3_tls.deny) == 0 with input as bucket_policy(fx.unknown)
	count(s3_tls.deny) == 0 with input as bucket_policy("${not json}")
}

# resource "aws_s3_bucket" "data" {   # line 1
#   bucket = "acme-data"              # line 2
#   policy = POLICY                   # line 3
# }                                   # line 4
bucket(attrs) := fx.doc("aws_s3_bucket", "data", fx.block(1, 4, object.union({"bucket": "acme-data"}, attrs), {"bucket": 2, "policy": 3}))

test_tg_aws_090_bucket_without_policy if {
	fx.found(s3_tls.deny, "TG-AWS-090", fx.span(1, 4), `S3 bucket "data" has no bucket policy denying requests without TLS (aws:SecureTransport)`) with input as bucket({})
	related := fx.with_related(bucket({}), "aws_s3_bucket_policy", [fx.block(10, 13, {"bucket": fx.unknown, "policy": fx.unknown}, {"bucket": 11, "policy": 12})])
	count(s3_tls.deny) == 0 with input as related
	count(s3_tls.deny) == 0 with input as bucket({"policy": fx.unknown})
}

test_tg_aws_090_inline_bucket_policy if {
	fx.found(s3_tls.deny, "TG-AWS-090", fx.at(3), `S3 bucket "data" does not deny requests without TLS (no Deny statement on aws:SecureTransport = false)`) with input as bucket({"policy": policy_json([reader])})
	count(s3_tls.deny) == 0 with input as bucket({"policy": policy_json([deny_http])})
}
