package tollgate.custom.tags_test

import data.tollgate.custom.tags
import rego.v1

bucket(body) := {
	"format": "terraform", "type": "aws_s3_bucket", "name": "logs", "address": "aws_s3_bucket.logs", "path": "main.tf",
	"resource": object.union({"__loc": {"path": "main.tf", "start_line": 1, "end_line": 4}}, body),
}

test_untagged_bucket_fails if {
	some f in tags.deny with input as bucket({"bucket": "logs"})
	f.rule_id == "ACME-001"
	f.location == {"path": "main.tf", "start_line": 1, "end_line": 4}
}

test_owned_bucket_passes if {
	count(tags.deny) == 0 with input as bucket({"tags": {"owner": "data-team"}})
}
