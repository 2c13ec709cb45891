package tollgate.encryption.aws.s3_tls

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_s3_bucket_policy": "S3 bucket policy",
	"aws_s3_bucket": "S3 bucket",
}

# METADATA
# title: S3 bucket policy does not require TLS
# description: |
#   The bucket policy has no Deny statement with the condition
#   Bool/BoolIfExists {"aws:SecureTransport": "false"}, so S3 serves and accepts objects
#   over plain HTTP, where they can be read and altered in transit. Reported on an
#   aws_s3_bucket_policy (or the inline policy of an AWS provider v3 aws_s3_bucket) whose
#   JSON is known, and on an aws_s3_bucket that has no policy at all: no inline policy
#   and no aws_s3_bucket_policy referring to it.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
# - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5
# custom:
#   id: TG-AWS-090
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Add a statement with Effect Deny, Principal "*", Action "s3:*", the bucket and its objects as Resource, and Condition Bool aws:SecureTransport = "false".
#   frameworks:
#     cis-aws-2.0: ["2.1.1"]
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"aws_s3_bucket_policy", "aws_s3_bucket"}
	some v in plain_http
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# A policy whose JSON is known and that does not deny plain HTTP.
plain_http contains v if {
	r := input.resource
	helpers.document(r.policy)
	not requires_tls(r.policy)
	v := {
		"location": lib.attr_loc(r, "policy"),
		"message": sprintf("%s %q does not deny requests without TLS (no Deny statement on aws:SecureTransport = false)", [kinds[input.type], input.name]),
	}
}

# A bucket without any policy.
plain_http contains v if {
	input.type == "aws_s3_bucket"
	r := input.resource
	lib.missing(r, "policy")
	not helpers.has_related("aws_s3_bucket_policy")
	v := {
		"location": lib.loc(r),
		"message": sprintf("S3 bucket %q has no bucket policy denying requests without TLS (aws:SecureTransport)", [input.name]),
	}
}

requires_tls(policy) if {
	some s in helpers.statements(policy)
	helpers.denies(s)
	some operator in ["Bool", "BoolIfExists"]
	some key, value in s.Condition[operator]
	lower(key) == "aws:securetransport"
	some x in helpers.as_list(value)
	lib.is_false(x)
}
