package tollgate.backup.cloudformation.elasticache_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.backup.cloudformation.elasticache
import rego.v1

#  1 Cache:
#  2   Type: TYPE
#  3   Properties:
#  4     Engine: ENGINE
#  5     <each of props>
cache(typ, engine, props) := fx.resource(typ, "Cache", object.union({"Engine": engine}, props), object.union({"Engine": 4}, {k: 5 | some k, _ in props}), 5)

group(props) := cache("AWS::ElastiCache::ReplicationGroup", "redis", props)

test_tg_cfn_050_violation if {
	f := fx.only(elasticache.deny, "TG-CFN-050") with input as group({"SnapshotRetentionLimit": 1})
	f.location == fx.at(5, 5)
	f.message == `ElastiCache replication group "Cache" keeps backups for less than 7 days (SnapshotRetentionLimit: 1)`
}

test_tg_cfn_050_compliant if {
	count(fx.ids(elasticache.deny, "TG-CFN-050")) == 0 with input as group({"SnapshotRetentionLimit": "7"})
	count(fx.ids(elasticache.deny, "TG-CFN-050")) == 0 with input as cache("AWS::ElastiCache::CacheCluster", "memcached", {})
}

test_tg_cfn_050_missing_fires if {
	f := fx.only(elasticache.deny, "TG-CFN-050") with input as cache("AWS::ElastiCache::CacheCluster", "valkey", {})
	f.location == fx.at(3, 5)
	f.message == `ElastiCache cluster "Cache" keeps backups for less than 7 days (SnapshotRetentionLimit is not set, default 0: no automatic backups)`
}

test_tg_cfn_050_unknown_does_not_fire if {
	count(fx.ids(elasticache.deny, "TG-CFN-050")) == 0 with input as fx.resource("AWS::ElastiCache::ReplicationGroup", "Cache", {}, {"SnapshotRetentionLimit": fx.U(5)}, 5)
}
