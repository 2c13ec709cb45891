package tollgate.encryption.cloudformation.s3_tls_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.s3_tls
import rego.v1

#  1 DataPolicy:
#  2   Type: AWS::S3::BucketPolicy
#  3   Properties:
#  4     Bucket: orders-data
#  5     PolicyDocument:
#  6       Statement:
#  7         - Effect: EFFECT
#  8           Principal: "*"
#  9           Action: "s3:*"
# 10           Resource: arn:aws:s3:::orders-data/*
# 11           Condition:
# 12             OPERATOR:
# 13               KEY: VALUE
policy(effect, operator, key, value) := fx.resource(
	"AWS::S3::BucketPolicy", "DataPolicy", {
		"Bucket": "orders-data",
		"PolicyDocument": fx.M(5, 13, {"Statement": [6, 13]}, {"Statement": [fx.M(7, 13, {"Effect": 7, "Principal": 8, "Action": 9, "Resource": 10}, {
			"Effect": effect,
			"Principal": "*",
			"Action": "s3:*",
			"Resource": "arn:aws:s3:::orders-data/*",
			"Condition": fx.M(11, 13, {}, {operator: fx.M(12, 13, {key: 13}, {key: value})}),
		})]}),
	},
	{"Bucket": 4}, 13,
)

test_tg_cfn_023_violation if {
	f := fx.only(s3_tls.deny, "TG-CFN-023") with input as policy("Allow", "Bool", "aws:SecureTransport", "false")
	f.location == fx.at(5, 13)
	f.message == `S3 bucket policy "DataPolicy" does not deny requests over plain HTTP (no Deny statement with aws:SecureTransport false)`
}

test_tg_cfn_023_compliant if {
	count(fx.ids(s3_tls.deny, "TG-CFN-023")) == 0 with input as policy("Deny", "Bool", "aws:SecureTransport", "false")
	count(fx.ids(s3_tls.deny, "TG-CFN-023")) == 0 with input as policy("Deny", "Bool", "aws:SecureTransport", false)
	count(fx.ids(s3_tls.deny, "TG-CFN-023")) == 0 with input as policy("Deny", "BoolIfExists", "aws:securetransport", ["false"])
}

test_tg_cfn_023_wrong_condition_fires if {
	count(fx.ids(s3_tls.deny, "TG-CFN-023")) == 1 with input as policy("Deny", "Bool", "aws:SecureTransport", "true")

	# A plain HTTP request has no s3:TlsVersion: the condition does not match it.
	count(fx.ids(s3_tls.deny, "TG-CFN-023")) == 1 with input as policy("Deny", "NumericLessThan", "s3:TlsVersion", "1.2")
	count(fx.ids(s3_tls.deny, "TG-CFN-023")) == 1 with input as policy("Deny", "StringEquals", "aws:SourceVpce", "vpce-1a2b")
}

test_tg_cfn_023_json_string_document if {
	doc := fx.resource(
		"AWS::S3::BucketPolicy", "DataPolicy", {
			"Bucket": "orders-data",
			"PolicyDocument": `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*"}]}`,
		},
		{"Bucket": 4, "PolicyDocument": [5, 6]}, 6,
	)
	fx.only(s3_tls.deny, "TG-CFN-023").location == fx.at(5, 6) with input as doc
}

test_tg_cfn_023_unknown_does_not_fire if {
	count(fx.ids(s3_tls.deny, "TG-CFN-023")) == 0 with input as fx.resource("AWS::S3::BucketPolicy", "DataPolicy", {"Bucket": "orders-data"}, {"Bucket": 4, "PolicyDocument": fx.U(5)}, 5)
	doc := json.patch(policy("Deny", "Bool", "aws:SecureTransport", "false"), [
		{"op": "remove", "path": "/resource/Properties/PolicyDocument/Statement/0/Condition"},
		{"op": "add", "path": "/resource/Properties/PolicyDocument/Statement/0/__loc/attrs/Condition", "value": fx.U(11)},
	])
	count(fx.ids(s3_tls.deny, "TG-CFN-023")) == 0 with input as doc
}
