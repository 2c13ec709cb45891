package tollgate.encryption.aws.glue

import data.tollgate.lib
import rego.v1

# METADATA
# title: Glue Data Catalog is not encrypted with KMS
# description: |
#   The aws_glue_data_catalog_encryption_settings does not encrypt the catalog's metadata
#   with a KMS key (encryption_at_rest with catalog_encryption_mode "SSE-KMS" or
#   "SSE-KMS-WITH-SERVICE-ROLE" and sse_aws_kms_key_id), or does not encrypt the connection passwords it returns
#   (connection_password_encryption with return_connection_password_encrypted = true and
#   aws_kms_key_id): table definitions, or database credentials of Glue connections, are
#   then readable by anyone allowed to read the catalog.
# related_resources:
# - https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/glue_data_catalog_encryption_settings
# custom:
#   id: TG-AWS-470
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set encryption_at_rest { catalog_encryption_mode = "SSE-KMS", sse_aws_kms_key_id = aws_kms_key.<name>.arn } and connection_password_encryption { return_connection_password_encrypted = true, aws_kms_key_id = aws_kms_key.<name>.arn }.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_glue_data_catalog_encryption_settings"
	some v in catalog_problems
	msg := sprintf("Glue Data Catalog encryption settings %q %s", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

settings := object.get(input.resource, "data_catalog_encryption_settings", [])

catalog_problems contains v if {
	some s in settings
	some b in missing_block(s, "encryption_at_rest")
	v := {"text": "do not encrypt the catalog at rest (no encryption_at_rest block)", "location": b}
}

catalog_problems contains v if {
	some s in settings
	some e in s.encryption_at_rest
	is_string(e.catalog_encryption_mode)
	not e.catalog_encryption_mode in kms_modes
	v := {"text": sprintf("do not encrypt the catalog with a KMS key (catalog_encryption_mode = %q)", [e.catalog_encryption_mode]), "location": lib.attr_loc(e, "catalog_encryption_mode")}
}

catalog_problems contains v if {
	some s in settings
	some e in s.encryption_at_rest
	e.catalog_encryption_mode in kms_modes
	lib.missing(e, "sse_aws_kms_key_id")
	v := {"text": "do not name the KMS key of the catalog (no sse_aws_kms_key_id)", "location": lib.loc(e)}
}

catalog_problems contains v if {
	some s in settings
	some b in missing_block(s, "connection_password_encryption")
	v := {"text": "do not encrypt connection passwords (no connection_password_encryption block)", "location": b}
}

catalog_problems contains v if {
	some s in settings
	some c in s.connection_password_encryption
	lib.is_false(c.return_connection_password_encrypted)
	v := {"text": "do not encrypt connection passwords (return_connection_password_encrypted = false)", "location": lib.attr_loc(c, "return_connection_password_encrypted")}
}

catalog_problems contains v if {
	some s in settings
	some c in s.connection_password_encryption
	lib.is_true(c.return_connection_password_encrypted)
	lib.missing(c, "aws_kms_key_id")
	v := {"text": "do not name the KMS key of connection passwords (no aws_kms_key_id)", "location": lib.loc(c)}
}

kms_modes := {"SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"}

# missing_block(obj, key) is {the location of obj} when obj has no block key.
missing_block(obj, key) := {lib.loc(obj)} if {
	lib.missing(obj, key)
} else := {lib.loc(obj)} if {
	obj[key] == []
} else := set()

# METADATA
# title: Glue security configuration does not encrypt everything
# description: |
#   An aws_glue_security_configuration does not encrypt all three kinds of data Glue writes:
#   S3 output (s3_encryption_mode "SSE-KMS" or "SSE-S3", not "DISABLED"), CloudWatch logs
#   (cloudwatch_encryption_mode "SSE-KMS" with kms_key_arn) and job bookmarks
#   (job_bookmarks_encryption_mode "CSE-KMS" with kms_key_arn). The jobs, crawlers and
#   development endpoints that use it leave the rest unencrypted.
# related_resources:
# - https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/glue_security_configuration
# custom:
#   id: TG-AWS-471
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: In encryption_configuration set s3_encryption { s3_encryption_mode = "SSE-KMS", kms_key_arn = ... }, cloudwatch_encryption { cloudwatch_encryption_mode = "SSE-KMS", kms_key_arn = ... } and job_bookmarks_encryption { job_bookmarks_encryption_mode = "CSE-KMS", kms_key_arn = ... }.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_glue_security_configuration"
	some v in config_problems
	msg := sprintf("Glue security configuration %q does not encrypt %s", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# The three parts: block, mode attribute, modes that encrypt, whether a key is required.
parts := [
	{"block": "s3_encryption", "mode": "s3_encryption_mode", "ok": {"SSE-KMS", "SSE-S3"}, "key": false, "what": "S3 data"},
	{"block": "cloudwatch_encryption", "mode": "cloudwatch_encryption_mode", "ok": {"SSE-KMS"}, "key": true, "what": "CloudWatch logs"},
	{"block": "job_bookmarks_encryption", "mode": "job_bookmarks_encryption_mode", "ok": {"CSE-KMS"}, "key": true, "what": "job bookmarks"},
]

config_problems contains v if {
	some c in object.get(input.resource, "encryption_configuration", [])
	some part in parts
	some b in missing_block(c, part.block)
	v := {"text": sprintf("%s (no %s block)", [part.what, part.block]), "location": b}
}

config_problems contains v if {
	some c in object.get(input.resource, "encryption_configuration", [])
	some part in parts
	some b in c[part.block]
	not lib.unknown(b, part.mode)
	mode := object.get(b, part.mode, "DISABLED")
	not mode in part.ok
	v := {"text": sprintf("%s (%s = %q)", [part.what, part.mode, mode]), "location": lib.attr_loc(b, part.mode)}
}

config_problems contains v if {
	some c in object.get(input.resource, "encryption_configuration", [])
	some part in parts
	part.key
	some b in c[part.block]
	b[part.mode] in part.ok
	lib.missing(b, "kms_key_arn")
	v := {"text": sprintf("%s with a named key (no kms_key_arn)", [part.what]), "location": lib.loc(b)}
}
