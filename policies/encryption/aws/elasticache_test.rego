package tollgate.encryption.aws.elasticache_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.elasticache
import rego.v1

# resource "aws_elasticache_replication_group" "sessions" {   # line 1
#   replication_group_id       = "sessions"                   # line 2
#   description                = "sessions"                   # line 3
#   engine                     = ENGINE                       # line 4
#   at_rest_encryption_enabled = AT_REST                      # line 5
#   transit_encryption_enabled = TRANSIT                      # line 6
# }                                                           # line 7
group(attrs) := fx.doc("aws_elasticache_replication_group", "sessions", fx.block(
	1, 7, object.union(
		{"replication_group_id": "sessions", "description": "sessions"},
		attrs,
	),
	{"replication_group_id": 2, "description": 3, "engine": 4, "at_rest_encryption_enabled": 5, "transit_encryption_enabled": 6},
))

encrypted := {"at_rest_encryption_enabled": true, "transit_encryption_enabled": true}

test_tg_aws_096_violation if {
	findings := elasticache.deny with input as group(object.union(encrypted, {"at_rest_encryption_enabled": false}))
	fx.found(findings, "TG-AWS-096", fx.at(5), `ElastiCache replication group "sessions" is not encrypted at rest (at_rest_encryption_enabled = false)`)
	count(findings) == 1
}

test_tg_aws_096_compliant if {
	count(elasticache.deny) == 0 with input as group(encrypted)
}

test_tg_aws_096_defaults_by_engine if {
	fx.found(elasticache.deny, "TG-AWS-096", fx.span(1, 7), `ElastiCache replication group "sessions" is not encrypted at rest (at_rest_encryption_enabled is not set, default false)`) with input as group({"transit_encryption_enabled": true})
	count(elasticache.deny) == 0 with input as group({"engine": "valkey", "transit_encryption_enabled": true})
	count(elasticache.deny) == 1 with input as group({"engine": "valkey", "at_rest_encryption_enabled": "false", "transit_encryption_enabled": true})
}

test_tg_aws_096_unknown_does_not_fire if {
	count(elasticache.deny) == 0 with input as group(object.union(encrypted, {"at_rest_encryption_enabled": fx.unknown}))
}

test_tg_aws_097_violation if {
	findings := elasticache.deny with input as group(object.union(encrypted, {"transit_encryption_enabled": false}))
	fx.found(findings, "TG-AWS-097", fx.at(6), `ElastiCache replication group "sessions" is not encrypted in transit (transit_encryption_enabled = false)`)
	count(findings) == 1
}

test_tg_aws_097_compliant if {
	count(fx.ids(elasticache.deny, "TG-AWS-097")) == 0 with input as group(encrypted)
	count(fx.ids(elasticache.deny, "TG-AWS-097")) == 0 with input as group({"transit_encryption_enabled": fx.unknown})
}

test_tg_aws_097_default_fires if {
	count(fx.ids(elasticache.deny, "TG-AWS-097")) == 1 with input as group({"at_rest_encryption_enabled": true})
}
