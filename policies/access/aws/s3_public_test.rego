package tollgate.access.aws.s3_public_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.s3_public
import rego.v1

# resource "aws_s3_bucket_public_access_block" "site" {   # line 1
#   bucket                  = aws_s3_bucket.site.id        # line 2 (unknown)
#   block_public_acls       = ...                          # line 3
#   block_public_policy     = ...                          # line 4
#   ignore_public_acls      = ...                          # line 5
#   restrict_public_buckets = ...                          # line 6
# }                                                        # line 7
all_on := {
	"bucket": fx.unknown,
	"block_public_acls": true,
	"block_public_policy": true,
	"ignore_public_acls": true,
	"restrict_public_buckets": true,
}

pab_lines := {"bucket": 2, "block_public_acls": 3, "block_public_policy": 4, "ignore_public_acls": 5, "restrict_public_buckets": 6}

pab(body) := fx.doc("aws_s3_bucket_public_access_block", "site", fx.block(1, 7, body, pab_lines))

test_tg_aws_040_violation if {
	findings := s3_public.deny with input as pab(object.union(all_on, {"block_public_policy": false}))
	fx.found(findings, "TG-AWS-040", fx.at(4), `S3 public access block "site" leaves a setting off: block_public_policy = false`)
	count(findings) == 1
}

test_tg_aws_040_compliant if {
	count(fx.ids(s3_public.deny, "TG-AWS-040")) == 0 with input as pab(all_on)
}

test_tg_aws_040_missing_settings_fire_each if {
	findings := s3_public.deny with input as pab({"bucket": fx.unknown, "block_public_acls": "true"})
	count(fx.ids(findings, "TG-AWS-040")) == 3
	fx.found(findings, "TG-AWS-040", fx.span(1, 7), `S3 public access block "site" leaves a setting off: restrict_public_buckets is not set, default false`)
}

test_tg_aws_040_unknown_does_not_fire if {
	count(fx.ids(s3_public.deny, "TG-AWS-040")) == 0 with input as pab(object.union(all_on, {"ignore_public_acls": fx.unknown}))
}

test_tg_aws_040_account_block if {
	d := fx.doc("aws_s3_account_public_access_block", "account", fx.block(1, 7, object.union(all_on, {"block_public_acls": "false"}), pab_lines))
	fx.found(s3_public.deny, "TG-AWS-040", fx.at(3), `S3 account public access block "account" leaves a setting off: block_public_acls = false`) with input as d
}

# resource "aws_s3_bucket_policy" "site" {     # line 10
#   bucket = aws_s3_bucket.site.id             # line 11 (unknown)
#   policy = jsonencode({...})                 # lines 12-20
# }                                            # line 21
bucket_policy(policy) := fx.doc("aws_s3_bucket_policy", "site", fx.block(10, 21, {"bucket": fx.unknown, "policy": policy}, {"bucket": 11, "policy": [12, 20]}))

statement(principal, actions) := {
	"Sid": "Public",
	"Effect": "Allow",
	"Principal": principal,
	"Action": actions,
	"Resource": "arn:aws:s3:::acme-site/*",
}

policy_json(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

public_read := statement("*", "s3:GetObject")

public_write := statement({"AWS": "*"}, ["s3:GetObject", "s3:PutObject"])

test_tg_aws_041_violation if {
	findings := s3_public.deny with input as bucket_policy(policy_json([public_read]))
	fx.found(findings, "TG-AWS-041", fx.span(12, 20), `S3 bucket policy "site" lets anyone (Principal "*", no Condition) s3:GetObject`)
	count(findings) == 1
}

test_tg_aws_041_compliant if {
	conditioned := object.union(public_read, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}})
	count(fx.ids(s3_public.deny, "TG-AWS-041")) == 0 with input as bucket_policy(policy_json([conditioned]))
	named := statement({"AWS": "arn:aws:iam::123456789012:role/reader"}, "s3:GetObject")
	count(fx.ids(s3_public.deny, "TG-AWS-041")) == 0 with input as bucket_policy(policy_json([named]))
}

test_tg_aws_041_single_statement_object_and_heredoc if {
	heredoc := "{\n  \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"*\"]}, \"Action\": \"s3:ListBucket\", \"Resource\": \"*\"}\n}\n"
	count(fx.ids(s3_public.deny, "TG-AWS-041")) == 1 with input as bucket_policy(heredoc)
}

test_tg_aws_041_invalid_or_unknown_policy_does_not_fire if {
	count(s3_public.deny) == 0 with input as bucket_policy("{not json")
	count(s3_public.deny) == 0 with input as bucket_policy(fx.unknown)
}

test_tg_aws_041_deny_statement_does_not_fire if {
	deny_all := object.union(public_read, {"Effect": "Deny", "Action": "s3:*"})
	count(s3_public.deny) == 0 with input as bucket_policy(policy_json([deny_all]))
}

test_tg_aws_042_violation if {
	findings := s3_public.deny with input as bucket_policy(policy_json([public_read, public_write]))
	fx.found(findings, "TG-AWS-042", fx.span(12, 20), `S3 bucket policy "site" lets anyone (Principal "*", no Condition) s3:GetObject, s3:PutObject`)
	count(fx.ids(findings, "TG-AWS-041")) == 0
	count(findings) == 1
}

test_tg_aws_042_compliant if {
	count(fx.ids(s3_public.deny, "TG-AWS-042")) == 0 with input as bucket_policy(policy_json([public_read]))
}

test_tg_aws_042_wildcards_and_not_action if {
	count(fx.ids(s3_public.deny, "TG-AWS-042")) == 1 with input as bucket_policy(policy_json([statement("*", "s3:*")]))
	count(fx.ids(s3_public.deny, "TG-AWS-042")) == 1 with input as bucket_policy(policy_json([statement("*", "S3:Put*")]))
	not_action := {"Effect": "Allow", "Principal": "*", "NotAction": "s3:DeleteObject", "Resource": "*"}
	findings := s3_public.deny with input as bucket_policy(policy_json([not_action]))
	fx.found(findings, "TG-AWS-042", fx.span(12, 20), `S3 bucket policy "site" lets anyone (Principal "*", no Condition) every action except s3:DeleteObject`)
}

# resource "aws_s3_bucket" "legacy" {   # line 1
#   bucket = "acme-legacy"              # line 2
#   policy = <<EOF ... EOF              # line 3
# }                                     # line 4
test_tg_aws_042_inline_bucket_policy if {
	d := fx.doc("aws_s3_bucket", "legacy", fx.block(1, 4, {"bucket": "acme-legacy", "policy": policy_json([public_write])}, {"bucket": 2, "policy": 3}))
	fx.found(s3_public.deny, "TG-AWS-042", fx.at(3), `S3 bucket "legacy" lets anyone (Principal "*", no Condition) s3:GetObject, s3:PutObject`) with input as d
}
