package tollgate.encryption.aws.elasticache

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: ElastiCache replication group is not encrypted at rest
# description: |
#   at_rest_encryption_enabled is false, or not set (its default is false for the redis
#   engine), on an aws_elasticache_replication_group: the cache's data on disk, its
#   swap and its backups in S3 are unencrypted. Valkey replication groups, encrypted by
#   default, are reported only when the attribute is explicitly false. Encryption at
#   rest cannot be turned on for an existing group.
# related_resources:
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-4
# custom:
#   id: TG-AWS-096
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set at_rest_encryption_enabled = true (with kms_key_id for a customer managed key); an existing group has to be recreated from a backup.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "aws_elasticache_replication_group"
	r := input.resource
	problem := unencrypted(r, "at_rest_encryption_enabled")
	msg := sprintf("ElastiCache replication group %q is not encrypted at rest (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "at_rest_encryption_enabled"), msg)
}

# METADATA
# title: ElastiCache replication group is not encrypted in transit
# description: |
#   transit_encryption_enabled is false, or not set (its default is false), on an
#   aws_elasticache_replication_group: clients and replicas exchange data, and AUTH
#   tokens, in clear text on the network, and Redis AUTH cannot be enabled.
# related_resources:
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-5
# custom:
#   id: TG-AWS-097
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set transit_encryption_enabled = true (transit_encryption_mode = "preferred" first to migrate clients without downtime) and connect with TLS.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "aws_elasticache_replication_group"
	r := input.resource
	problem := helpers.off(r, "transit_encryption_enabled")
	msg := sprintf("ElastiCache replication group %q is not encrypted in transit (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "transit_encryption_enabled"), msg)
}

# Valkey groups are encrypted at rest unless told otherwise.
unencrypted(r, key) := helpers.off(r, key) if not r.engine == "valkey"

else := sprintf("%s = false", [key]) if lib.is_false(r[key])
