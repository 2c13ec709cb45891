package tollgate.encryption.aws.dms

import data.tollgate.lib
import rego.v1

# Engines whose source endpoints have no SSL mode (their transport is the AWS API's HTTPS).
api_sources := {"s3", "azuredb"}

# Engines whose target endpoints have no SSL mode.
api_targets := {"dynamodb", "kinesis", "neptune", "redshift", "s3", "elasticsearch", "opensearch", "kafka"}

# METADATA
# title: DMS endpoint does not use SSL
# description: |
#   An aws_dms_endpoint whose engine supports SSL leaves ssl_mode unset (its default is
#   "none") or sets it to "none": the replication instance exchanges database credentials and
#   every migrated row with the database unencrypted. Endpoints of engines reached through an
#   AWS API (S3 or Azure sources; DynamoDB, Kinesis, Neptune, Redshift, S3, OpenSearch or
#   Kafka targets) have no SSL mode and are not reported.
# related_resources:
# - https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dms_endpoint#ssl_mode
# custom:
#   id: TG-AWS-473
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set ssl_mode = "verify-full" (or "require"), with certificate_arn for the verifying modes.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "aws_dms_endpoint"
	r := input.resource
	needs_ssl(r)
	some text in ssl_problem(r)
	msg := sprintf("DMS endpoint %q does not use SSL (%s)", [input.name, text])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "ssl_mode"), msg)
}

needs_ssl(r) if {
	r.endpoint_type == "source"
	is_string(r.engine_name)
	not r.engine_name in api_sources
}

needs_ssl(r) if {
	r.endpoint_type == "target"
	is_string(r.engine_name)
	not r.engine_name in api_targets
}

ssl_problem(r) := {"ssl_mode = \"none\""} if {
	r.ssl_mode == "none"
} else := {"ssl_mode is not set, default none"} if {
	lib.missing(r, "ssl_mode")
} else := set()

# METADATA
# title: DMS endpoint is not encrypted with a customer managed key
# description: |
#   An aws_dms_endpoint sets no kms_key_arn (for an S3 endpoint, no
#   s3_settings { server_side_encryption_kms_key_id }): the endpoint's connection settings, or
#   the objects DMS writes to S3, are encrypted with a key AWS manages, whose use the account
#   cannot restrict with a key policy, audit per key or revoke.
# related_resources:
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dms_endpoint#kms_key_arn
# - https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.html#CHAP_Security.EncryptionKey
# custom:
#   id: TG-AWS-474
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set kms_key_arn = aws_kms_key.<name>.arn; for an S3 endpoint set s3_settings { encryption_mode = "SSE_KMS", server_side_encryption_kms_key_id = aws_kms_key.<name>.arn }.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_dms_endpoint"
	some v in key_problems
	msg := sprintf("DMS endpoint %q is not encrypted with a customer managed key (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

key_problems contains v if {
	r := input.resource
	is_string(r.engine_name)
	r.engine_name != "s3"
	lib.missing(r, "kms_key_arn")
	v := {"text": "kms_key_arn is not set", "location": lib.loc(r)}
}

key_problems contains v if {
	r := input.resource
	r.engine_name == "s3"
	not lib.unknown(r, "s3_settings")
	count(object.get(r, "s3_settings", [])) == 0
	v := {"text": "no s3_settings with server_side_encryption_kms_key_id", "location": lib.loc(r)}
}

key_problems contains v if {
	r := input.resource
	r.engine_name == "s3"
	some s in r.s3_settings
	lib.missing(s, "server_side_encryption_kms_key_id")
	v := {"text": "s3_settings has no server_side_encryption_kms_key_id", "location": lib.loc(s)}
}
