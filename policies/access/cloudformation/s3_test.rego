package tollgate.access.cloudformation.s3_test

import data.tollgate.access.cloudformation.s3
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#   SiteBucket:                       # line 10
#     Type: AWS::S3::Bucket           # line 11
#     Properties:                     # line 12
#       BucketName: orders-site       # line 13
#       AccessControl: ACL            # line 14
bucket(acl) := {
	"format": "cloudformation",
	"type": "AWS::S3::Bucket",
	"name": "SiteBucket",
	"address": "SiteBucket",
	"path": "stack/template.yaml",
	"resource": {
		"Type": "AWS::S3::Bucket",
		"Properties": {
			"BucketName": "orders-site",
			"AccessControl": acl,
			"__loc": {
				"path": "stack/template.yaml", "start_line": 12, "end_line": 14,
				"attrs": {
					"BucketName": {"start_line": 13, "end_line": 13},
					"AccessControl": {"start_line": 14, "end_line": 14},
				},
			},
		},
		"__loc": {
			"path": "stack/template.yaml", "start_line": 10, "end_line": 14,
			"attrs": {"Type": {"start_line": 11, "end_line": 11}},
		},
	},
}

test_tg_cfn_001_violation if {
	findings := s3.deny with input as bucket("PublicRead")
	some f in findings
	f.rule_id == "TG-CFN-001"
	f.location == {"path": "stack/template.yaml", "start_line": 14, "end_line": 14}
	f.message == `S3 bucket "SiteBucket" has public canned ACL "PublicRead"`
}

test_tg_cfn_001_compliant if {
	count(ids(s3.deny, "TG-CFN-001")) == 0 with input as bucket("Private")
	count(ids(s3.deny, "TG-CFN-001")) == 0 with input as bucket("LogDeliveryWrite")
}

test_tg_cfn_001_every_public_acl if {
	every acl in ["PublicRead", "PublicReadWrite", "AuthenticatedRead"] {
		count(ids(s3.deny, "TG-CFN-001")) == 1 with input as bucket(acl)
	}
}

test_tg_cfn_001_unknown_does_not_fire if {
	doc := json.patch(bucket("PublicRead"), [
		{"op": "remove", "path": "/resource/Properties/AccessControl"},
		{"op": "add", "path": "/resource/Properties/__loc/attrs/AccessControl/unknown", "value": true},
	])
	count(ids(s3.deny, "TG-CFN-001")) == 0 with input as doc
}
