package tollgate.custom.tags

import data.tollgate.lib
import rego.v1

# METADATA
# title: S3 buckets carry an owner tag
# description: Every bucket names the team that answers for its data.
# custom:
#   id: ACME-001
#   severity: medium
#   category: audit
#   remediation: Add tags = { owner = "team-name" } to the bucket.
deny contains finding if {
	input.type == "aws_s3_bucket"
	b := input.resource
	not b.tags.owner
	not lib.unknown(b, "tags")
	finding := lib.finding(rego.metadata.rule(), lib.loc(b), sprintf("S3 bucket %q has no owner tag", [input.name]))
}
