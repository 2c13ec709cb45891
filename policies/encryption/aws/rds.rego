package tollgate.encryption.aws.rds

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster": "RDS cluster",
}

# METADATA
# title: RDS storage is not encrypted
# description: |
#   storage_encrypted is false, or not set (its default is false), on an aws_db_instance or
#   aws_rds_cluster: the database's storage, automated backups, read replicas and snapshots
#   are kept unencrypted, and encryption cannot be turned on later without restoring from an
#   encrypted snapshot copy. Not reported when storage_encrypted is left unset on a read
#   replica (replicate_source_db: encryption follows the source) or on a serverless v1
#   cluster (engine_mode = "serverless": always encrypted), nor when its value is unknown.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#storage_encrypted
# custom:
#   id: TG-AWS-010
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set storage_encrypted = true (and kms_key_id to a customer managed key if required). For an existing database, restore it from an encrypted copy of a snapshot.
#   frameworks:
#     cis-aws-2.0: ["2.3.1"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"aws_db_instance", "aws_rds_cluster"}
	r := input.resource
	problem := unencrypted(r)
	msg := sprintf("%s %q %s", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "storage_encrypted"), msg)
}

unencrypted(r) := "has storage_encrypted = false" if {
	disabled(r.storage_encrypted)
} else := "does not set storage_encrypted (default false)" if {
	lib.missing(r, "storage_encrypted")
	not encrypted_by_default(r)
}

# A read replica takes its encryption from the source database, whether or not the
# source is known.
encrypted_by_default(r) if not lib.missing(r, "replicate_source_db")

encrypted_by_default(r) if {
	input.type == "aws_rds_cluster"
	r.engine_mode == "serverless"
}

# Unknown engine_mode: it may be serverless.
encrypted_by_default(r) if {
	input.type == "aws_rds_cluster"
	lib.unknown(r, "engine_mode")
}

# lib.is_false is given strings only: on a boolean true it would raise a type error
# when builtin errors are strict.
disabled(v) if v == false

disabled(v) if {
	is_string(v)
	lib.is_false(v)
}
