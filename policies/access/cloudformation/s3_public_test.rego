package tollgate.access.cloudformation.s3_public_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.s3_public
import rego.v1

#  1 SiteBucket:
#  2   Type: AWS::S3::Bucket
#  3   Properties:
#  4     PublicAccessBlockConfiguration:
#  5       BlockPublicAcls: ...
#  6       BlockPublicPolicy: ...
#  7       IgnorePublicAcls: ...
#  8       RestrictPublicBuckets: ...
bucket(settings) := fx.resource("AWS::S3::Bucket", "SiteBucket", {"PublicAccessBlockConfiguration": fx.M(4, 8, {k: line | some k, _ in settings; line := setting_lines[k]}, settings)}, {}, 8)

setting_lines := {"BlockPublicAcls": 5, "BlockPublicPolicy": 6, "IgnorePublicAcls": 7, "RestrictPublicBuckets": 8}

all_on := {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}

test_tg_cfn_006_violation if {
	findings := s3_public.deny with input as bucket(object.union(all_on, {"BlockPublicPolicy": false}))
	f := fx.only(findings, "TG-CFN-006")
	f.location == fx.at(6, 6)
	f.message == `S3 bucket "SiteBucket" leaves a Block Public Access setting off (BlockPublicPolicy: false)`
}

test_tg_cfn_006_compliant if {
	count(fx.ids(s3_public.deny, "TG-CFN-006")) == 0 with input as bucket(all_on)
	count(fx.ids(s3_public.deny, "TG-CFN-006")) == 0 with input as bucket({"BlockPublicAcls": "true", "BlockPublicPolicy": "True", "IgnorePublicAcls": true, "RestrictPublicBuckets": true})

	# No configuration: the S3 default blocks everything.
	count(fx.ids(s3_public.deny, "TG-CFN-006")) == 0 with input as fx.resource("AWS::S3::Bucket", "SiteBucket", {}, {}, 3)
}

test_tg_cfn_006_setting_left_out_fires if {
	findings := s3_public.deny with input as bucket({"BlockPublicAcls": true, "BlockPublicPolicy": true})
	fs := fx.ids(findings, "TG-CFN-006")
	{f.message | some f in fs} == {
		`S3 bucket "SiteBucket" leaves a Block Public Access setting off (IgnorePublicAcls is not set, default false)`,
		`S3 bucket "SiteBucket" leaves a Block Public Access setting off (RestrictPublicBuckets is not set, default false)`,
	}

	# A setting left out is located on the configuration.
	{f.location | some f in fs} == {fx.at(4, 8)}
}

test_tg_cfn_006_string_false_fires if {
	findings := s3_public.deny with input as bucket(object.union(all_on, {"IgnorePublicAcls": "false"}))
	fx.only(findings, "TG-CFN-006").location == fx.at(7, 7)
}

test_tg_cfn_006_unknown_does_not_fire if {
	doc := json.patch(bucket(object.remove(all_on, ["RestrictPublicBuckets"])), [{
		"op": "add",
		"path": "/resource/Properties/PublicAccessBlockConfiguration/__loc/attrs/RestrictPublicBuckets",
		"value": fx.U(8),
	}])
	count(fx.ids(s3_public.deny, "TG-CFN-006")) == 0 with input as doc
}

#  1 SitePolicy:
#  2   Type: AWS::S3::BucketPolicy
#  3   Properties:
#  4     Bucket: orders-site
#  5     PolicyDocument:
#  6       Version: "2012-10-17"
#  7       Statement:
#  8         - Effect: Allow
#  9           Principal: ...
# 10           Action: ...
# 11           Resource: arn:aws:s3:::orders-site/*
policy(statement) := fx.resource(
	"AWS::S3::BucketPolicy", "SitePolicy", {
		"Bucket": "orders-site",
		"PolicyDocument": fx.M(5, 11, {"Version": 6, "Statement": [7, 11]}, {
			"Version": "2012-10-17",
			"Statement": [fx.M(8, 11, {k: line | some k, _ in statement; line := statement_lines[k]}, statement)],
		}),
	},
	{"Bucket": 4}, 11,
)

statement_lines := {"Effect": 8, "Principal": 9, "Action": 10, "Resource": 11, "Condition": 12}

public_read := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::orders-site/*"}

test_tg_cfn_007_violation if {
	findings := s3_public.deny with input as policy(public_read)
	f := fx.only(findings, "TG-CFN-007")
	f.location == fx.at(8, 11)
	f.message == `S3 bucket policy "SitePolicy" lets anyone (Principal "*", no Condition) s3:GetObject`
	count(fx.ids(findings, "TG-CFN-008")) == 0
}

test_tg_cfn_007_compliant if {
	count(fx.ids(s3_public.deny, "TG-CFN-007")) == 0 with input as policy(object.union(public_read, {"Principal": {"Service": "cloudfront.amazonaws.com"}}))
	count(fx.ids(s3_public.deny, "TG-CFN-007")) == 0 with input as policy(object.union(public_read, {"Effect": "Deny"}))
	count(fx.ids(s3_public.deny, "TG-CFN-007")) == 0 with input as policy(object.union(public_read, {"Condition": fx.M(12, 14, {}, {"StringEquals": fx.M(13, 14, {"aws:SourceVpce": 14}, {"aws:SourceVpce": "vpce-1a2b3c4d"})})}))
}

test_tg_cfn_007_aws_wildcard_principal if {
	findings := s3_public.deny with input as policy(object.union(public_read, {"Principal": fx.M(9, 10, {"AWS": 10}, {"AWS": ["arn:aws:iam::111122223333:root", "*"]})}))
	count(fx.ids(findings, "TG-CFN-007")) == 1
}

test_tg_cfn_007_unknown_condition_does_not_fire if {
	doc := json.patch(policy(public_read), [{
		"op": "add",
		"path": "/resource/Properties/PolicyDocument/Statement/0/__loc/attrs/Condition",
		"value": fx.U(12),
	}])
	count(fx.ids(s3_public.deny, "TG-CFN-007")) == 0 with input as doc
}

test_tg_cfn_007_json_string_document if {
	doc := fx.resource(
		"AWS::S3::BucketPolicy", "SitePolicy", {
			"Bucket": "orders-site",
			"PolicyDocument": `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]}`,
		},
		{"Bucket": 4, "PolicyDocument": [5, 7]}, 7,
	)
	findings := s3_public.deny with input as doc
	f := fx.only(findings, "TG-CFN-007")
	f.location == fx.at(5, 7)
	f.message == `S3 bucket policy "SitePolicy" lets anyone (Principal "*", no Condition) s3:GetObject, s3:ListBucket`
}

test_tg_cfn_008_violation if {
	findings := s3_public.deny with input as policy(object.union(public_read, {"Action": ["s3:GetObject", "s3:PutObject"]}))
	f := fx.only(findings, "TG-CFN-008")
	f.rule_id == "TG-CFN-008"
	f.location == fx.at(8, 11)
	f.message == `S3 bucket policy "SitePolicy" lets anyone (Principal "*", no Condition) s3:GetObject, s3:PutObject`
	count(fx.ids(findings, "TG-CFN-007")) == 0
}

test_tg_cfn_008_compliant if {
	count(fx.ids(s3_public.deny, "TG-CFN-008")) == 0 with input as policy(public_read)
	count(fx.ids(s3_public.deny, "TG-CFN-008")) == 0 with input as policy(object.union(public_read, {"Action": "s3:*", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}}))
}

test_tg_cfn_008_wildcards if {
	count(fx.ids(s3_public.deny, "TG-CFN-008")) == 1 with input as policy(object.union(public_read, {"Action": "s3:*"}))
	count(fx.ids(s3_public.deny, "TG-CFN-008")) == 1 with input as policy(object.union(public_read, {"Action": "s3:Put*"}))
	count(fx.ids(s3_public.deny, "TG-CFN-008")) == 1 with input as policy(object.union(object.remove(public_read, ["Action"]), {"NotAction": "s3:GetObject"}))
}
