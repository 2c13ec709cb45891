package tollgate.backup.aws.elasticache_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.elasticache
import rego.v1

# resource "aws_elasticache_replication_group" "sessions" {   # line 1
#   replication_group_id     = "sessions"                     # line 2
#   engine                   = ENGINE                         # line 3
#   snapshot_retention_limit = LIMIT                          # line 4
# }                                                           # line 5
cache(type, attrs) := fx.doc(type, "sessions", fx.block(1, 5, object.union({"replication_group_id": "sessions"}, attrs), {"replication_group_id": 2, "engine": 3, "snapshot_retention_limit": 4}))

group(attrs) := cache("aws_elasticache_replication_group", attrs)

test_tg_aws_146_violation if {
	findings := elasticache.deny with input as group({"snapshot_retention_limit": 0})
	fx.found(findings, "TG-AWS-146", fx.at(4), `ElastiCache replication group "sessions" keeps backups for less than 7 days (snapshot_retention_limit = 0)`)
	count(findings) == 1
}

test_tg_aws_146_compliant if {
	count(elasticache.deny) == 0 with input as group({"snapshot_retention_limit": 7})
	count(elasticache.deny) == 0 with input as group({"snapshot_retention_limit": fx.unknown})
}

test_tg_aws_146_default_fires if {
	fx.found(elasticache.deny, "TG-AWS-146", fx.span(1, 5), `ElastiCache replication group "sessions" keeps backups for less than 7 days (snapshot_retention_limit is not set, default 0: no automatic backups)`) with input as group({})
}

# resource "aws_elasticache_cluster" "sessions" {   # line 1
#   replication_group_id     = ...                  # line 2 (members only)
#   engine                   = ENGINE               # line 3
#   snapshot_retention_limit = LIMIT                # line 4
# }                                                 # line 5
test_tg_aws_146_standalone_clusters if {
	standalone := fx.doc("aws_elasticache_cluster", "sessions", fx.block(1, 5, {"engine": "redis", "snapshot_retention_limit": 1}, {"engine": 3, "snapshot_retention_limit": 4}))
	fx.found(elasticache.deny, "TG-AWS-146", fx.at(4), `ElastiCache cluster "sessions" keeps backups for less than 7 days (snapshot_retention_limit = 1)`) with input as standalone
	count(elasticache.deny) == 0 with input as cache("aws_elasticache_cluster", {"engine": "redis"})
	count(elasticache.deny) == 0 with input as fx.doc("aws_elasticache_cluster", "sessions", fx.block(1, 5, {"engine": "memcached"}, {"engine": 3}))
}
