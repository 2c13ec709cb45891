package tollgate.audit.aws.s3_data_events_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.s3_data_events as de
import rego.v1

# resource "aws_s3_bucket" "data" {                  # line 1
#   bucket = "acme-data"                             # line 2
# }                                                  # line 3
#
# resource "aws_cloudtrail" "main" {                 # line 5
#   name = "main"                                    # line 6
#   event_selector {                                 # line 7
#     read_write_type = RW                           # line 8
#     data_resource {                                # line 9
#       type   = TYPE                                # line 10
#       values = VALUES                              # line 11
#     }                                              # line 12
#   }                                                # line 13
# }                                                  # line 14
bucket(trails) := object.union(
	fx.doc("aws_s3_bucket", "data", fx.block(1, 3, {"bucket": "acme-data"}, {"bucket": 2})),
	{"configuration": {"aws_cloudtrail": trails}},
)

trail(attrs) := fx.block(5, 14, object.union({"name": "main"}, attrs), {"name": 6, "event_selector": [7, 13], "advanced_event_selector": [7, 13], "enable_logging": 6})

selector(rw, type, values) := fx.block(7, 13, {"read_write_type": rw, "data_resource": [fx.block(9, 12, {"type": type, "values": values}, {"type": 10, "values": 11})]}, {"read_write_type": 8, "data_resource": [9, 12]})

selecting(rw, values) := trail({"event_selector": [selector(rw, "AWS::S3::Object", values)]})

# advanced(fields) is an advanced_event_selector with the field selectors
# {field: {op: values}}.
advanced(fields) := trail({"advanced_event_selector": [fx.block(7, 13, {"field_selector": [fx.block(8, 8, object.union({"field": field}, ops), {"field": 8, "equals": 8, "starts_with": 8}) | some field, ops in fields]}, {})]})

s3_data := {"eventCategory": {"equals": ["Data"]}, "resources.type": {"equals": ["AWS::S3::Object"]}}

msg(kinds) := sprintf(`S3 bucket "data": no CloudTrail trail of the configuration records its object-level %s events (a data event selector for AWS::S3::Object)`, [kinds])

test_tg_aws_545_violation if {
	findings := de.deny with input as bucket([])
	fx.found(findings, "TG-AWS-545", fx.span(1, 3), msg("read and write"))
	count(findings) == 1

	cases := [
		[[trail({})], "read and write"],
		[[selecting("ReadOnly", ["arn:aws:s3"])], "write"],
		[[selecting("WriteOnly", ["arn:aws:s3:::"])], "read"],
		[[selecting("All", ["arn:aws:s3:::acme-logs/"])], "read and write"],
		[[selecting("All", ["arn:aws:s3:::acme-data-archive/"])], "read and write"],
		[[trail({"event_selector": [selector("All", "AWS::Lambda::Function", ["arn:aws:lambda"])]})], "read and write"],
		[[object.union(selecting("All", ["arn:aws:s3"]), {"enable_logging": false})], "read and write"],
		[[advanced(object.union(s3_data, {"readOnly": {"equals": ["true"]}}))], "write"],
		[[advanced(object.union(s3_data, {"resources.ARN": {"starts_with": ["arn:aws:s3:::acme-logs/"]}}))], "read and write"],
		[[advanced({"eventCategory": {"equals": ["Management"]}, "resources.type": {"equals": ["AWS::S3::Object"]}})], "read and write"],
		[[advanced({"eventCategory": {"equals": ["Data"]}, "resources.type": {"equals": ["AWS::DynamoDB::Table"]}})], "read and write"],
	]
	every c in cases {
		fx.found(de.deny, "TG-AWS-545", fx.span(1, 3), msg(c[1])) with input as bucket(c[0])
	}
}

test_tg_aws_545_compliant if {
	every trails in [
		[selecting("All", ["arn:aws:s3"])],
		[selecting("All", ["arn:aws:s3:::"])],
		[selecting("All", ["arn:aws:s3:::acme-data/"])],
		[selecting("All", ["arn:aws:s3:::acme-logs/", "arn:aws:s3:::acme-data/"])],
		[trail({"event_selector": [fx.block(7, 13, {"data_resource": [fx.block(9, 12, {"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}, {})]}, {})]})],
		[trail({}), selecting("ReadOnly", ["arn:aws:s3"]), selecting("WriteOnly", ["arn:aws:s3"])],
		[advanced(s3_data)],
		[advanced(object.union(s3_data, {"resources.ARN": {"starts_with": ["arn:aws:s3:::acme-data/"]}}))],
		# What cannot be known may record the bucket.
		[selecting(fx.unknown, ["arn:aws:s3"])],
		[selecting("All", fx.unknown)],
		[trail({"event_selector": [selector("All", fx.unknown, ["arn:aws:s3"])]})],
		[trail({"event_selector": fx.unknown})],
		[trail({"advanced_event_selector": fx.unknown})],
		[object.union(selecting("All", ["arn:aws:s3"]), {"enable_logging": fx.unknown})],
		[advanced(object.union(s3_data, {"resources.ARN": {"starts_with": fx.unknown}}))],
	] {
		count(de.deny) == 0 with input as bucket(trails)
	}

	# A values list with an unknown element ("${aws_s3_bucket.data.arn}/") keeps its known
	# ones and is marked unknown.
	partial := json.patch(selecting("All", ["arn:aws:s3:::acme-logs/"]), [{"op": "add", "path": "/event_selector/0/data_resource/0/__loc/attrs/values/unknown", "value": true}])
	count(de.deny) == 0 with input as bucket([partial])

	# A bucket whose name is unknown may be the one a selector names.
	unnamed := json.patch(bucket([selecting("All", ["arn:aws:s3:::acme-logs/"])]), [
		{"op": "remove", "path": "/resource/bucket"},
		{"op": "add", "path": "/resource/__loc/attrs/bucket/unknown", "value": true},
	])
	count(de.deny) == 0 with input as unnamed

	# A plan: no configuration, references unknown.
	count(de.deny) == 0 with input as object.remove(bucket([]), ["configuration"])
	count(de.deny) == 0 with input as object.union(bucket([]), {"related_unknown": true})
}
