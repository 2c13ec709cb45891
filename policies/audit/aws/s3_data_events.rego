package tollgate.audit.aws.s3_data_events

import data.tollgate.lib
import rego.v1

# METADATA
# title: No CloudTrail trail records the S3 bucket's object-level events
# description: |
#   No aws_cloudtrail of the configuration has an event_selector (or advanced_event_selector)
#   whose data resources of type AWS::S3::Object cover this aws_s3_bucket, for reads
#   (GetObject...), writes (PutObject, DeleteObject...) or both: CloudTrail records only
#   management events by default, so who read, overwrote or deleted which objects cannot be
#   traced after a leak or a ransomware attack. A trail in another configuration (an
#   organization trail) cannot be seen from here; a bucket it covers is reported and can be
#   excepted.
# related_resources:
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#event_selector
# custom:
#   id: TG-AWS-545
#   severity: low
#   category: audit
#   provider: aws
#   remediation: 'Add to a trail an event_selector { read_write_type = "All" data_resource { type = "AWS::S3::Object" values = ["arn:aws:s3"] } } (all buckets), or values = ["${aws_s3_bucket.<name>.arn}/"] for this bucket.'
#   frameworks:
#     cis-aws-2.0: ["3.10", "3.11"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_s3_bucket"
	is_object(input.configuration)
	not input.related_unknown
	unrecorded := [kind | some kind in ["read", "write"]; not may_record(kind)]
	count(unrecorded) > 0
	msg := sprintf("S3 bucket %q: no CloudTrail trail of the configuration records its object-level %s events (a data event selector for AWS::S3::Object)", [input.name, concat(" and ", unrecorded)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

bucket := input.resource

# object_arn: the prefix of the ARNs of the bucket's objects, when its name is known.
object_arn := sprintf("arn:aws:s3:::%s/", [bucket.bucket]) if is_string(bucket.bucket)

# name_unknown: a selector value naming some bucket may name this one.
name_unknown if lib.unknown(bucket, "bucket")

trails := object.get(input, ["configuration", "aws_cloudtrail"], [])

# may_record(kind): some trail records, or may record, this bucket's read or write
# data events.
may_record(kind) if {
	some t in trails
	not lib.is_false(object.get(t, "enable_logging", true))
	may_select(t, kind)
}

may_select(t, _) if lib.unknown(t, "event_selector")

may_select(t, _) if lib.unknown(t, "advanced_event_selector")

may_select(t, kind) if {
	some sel in object.get(t, "event_selector", [])
	may_match_rw(sel, kind)
	may_have_object_data(sel)
}

may_select(t, kind) if {
	some sel in object.get(t, "advanced_event_selector", [])
	may_match_advanced(sel, kind)
}

# ---------------------------------------------------------------------------
# Basic event selectors: read_write_type (All by default) and data_resource blocks.

may_match_rw(sel, _) if lib.unknown(sel, "read_write_type")

may_match_rw(sel, kind) if object.get(sel, "read_write_type", "All") in {"All", {"read": "ReadOnly", "write": "WriteOnly"}[kind]}

may_have_object_data(sel) if lib.unknown(sel, "data_resource")

may_have_object_data(sel) if {
	some dr in sel.data_resource
	may_be_object_type(dr)
	may_cover_values(dr)
}

may_be_object_type(dr) if lib.unknown(dr, "type")

may_be_object_type(dr) if dr.type == "AWS::S3::Object"

may_cover_values(dr) if lib.unknown(dr, "values")

may_cover_values(dr) if {
	some v in dr.values
	may_cover_arn(v)
}

# may_cover_arn(v): a data resource value for every bucket, or for this one (its whole
# object prefix, or a prefix within it, accepted as the bucket's), or for some bucket
# when this one's name is unknown.
may_cover_arn(v) if v in {"arn:aws:s3", "arn:aws:s3:::"}

may_cover_arn(v) if {
	is_string(v)
	startswith(concat("", [v, "/"]), object_arn)
}

may_cover_arn(v) if {
	name_unknown
	is_string(v)
	startswith(v, "arn:aws:s3:::")
}

# ---------------------------------------------------------------------------
# Advanced event selectors: field_selector blocks. A selector may record the bucket's
# events when it selects AWS::S3::Object and no field excludes the kind of events or the
# bucket; operators other than those read here are taken as not excluding.

may_match_advanced(sel, _) if lib.unknown(sel, "field_selector")

may_match_advanced(sel, kind) if {
	some f in sel.field_selector
	may_select_objects(f)
	not excluded(sel, kind)
}

may_select_objects(f) if lib.unknown(f, "field")

may_select_objects(f) if {
	f.field == "resources.type"
	may_contain(f, "equals", "AWS::S3::Object")
}

may_contain(f, op, _) if lib.unknown(f, op)

may_contain(f, op, v) if v in f[op]

excluded(sel, _) if {
	some f in sel.field_selector
	f.field == "eventCategory"
	excludes_value(f, "Data")
}

excluded(sel, kind) if {
	some f in sel.field_selector
	f.field == "readOnly"
	excludes_value(f, {"read": "true", "write": "false"}[kind])
}

excluded(sel, _) if {
	some f in sel.field_selector
	f.field == "resources.ARN"
	some op in ["equals", "starts_with"]
	is_array(f[op])
	not lib.unknown(f, op)
	not name_unknown
	not some_within(f[op])
}

excluded(sel, _) if {
	some f in sel.field_selector
	f.field == "resources.ARN"
	some v in object.get(f, "not_starts_with", [])
	is_string(v)
	startswith(object_arn, v)
}

# excludes_value(f, v): the field selector f leaves out events whose field is v.
excludes_value(f, v) if {
	is_array(f.equals)
	not lib.unknown(f, "equals")
	not v in f.equals
}

excludes_value(f, v) if v in object.get(f, "not_equals", [])

some_within(values) if {
	some v in values
	arn_within(v)
}

# arn_within(v): v is a prefix of the bucket's objects' ARNs, or lies within them.
arn_within(v) if {
	is_string(v)
	startswith(object_arn, v)
}

arn_within(v) if {
	is_string(v)
	startswith(v, object_arn)
}
