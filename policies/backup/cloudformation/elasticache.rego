package tollgate.backup.cloudformation.elasticache

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::ElastiCache::ReplicationGroup": "ElastiCache replication group",
	"AWS::ElastiCache::CacheCluster": "ElastiCache cluster",
}

# METADATA
# title: CloudFormation ElastiCache backup retention is below the minimum
# description: |
#   SnapshotRetentionLimit on an AWS::ElastiCache::ReplicationGroup, or on a Redis or
#   Valkey AWS::ElastiCache::CacheCluster, is lower than the min_backup_retention_days
#   parameter (7 by default), or not set (its default is 0: no automatic backups at all).
#   Data kept only in the cache, such as sessions, queues and leaderboards, cannot be
#   restored after a failure or a FLUSHALL. Memcached clusters, which have no backups,
#   are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html#cfn-elasticache-replicationgroup-snapshotretentionlimit
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html
# custom:
#   id: TG-CFN-050
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set SnapshotRetentionLimit to the number of days of backups you need (at most 35) and a SnapshotWindow outside peak hours.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"}
	p := input.resource.Properties
	backed_up_engine(p)
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	problem := short_retention(p, minimum)
	msg := sprintf("%s %q keeps backups for less than %d days (%s)", [kinds[input.type], input.name, minimum, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "SnapshotRetentionLimit"), msg)
}

backed_up_engine(_) if input.type == "AWS::ElastiCache::ReplicationGroup"

backed_up_engine(p) if {
	input.type == "AWS::ElastiCache::CacheCluster"
	is_string(p.Engine)
	lower(p.Engine) in {"redis", "valkey"}
}

short_retention(p, minimum) := sprintf("SnapshotRetentionLimit: %d", [n]) if {
	n := helpers.number(p.SnapshotRetentionLimit)
	n < minimum
} else := "SnapshotRetentionLimit is not set, default 0: no automatic backups" if {
	lib.missing(p, "SnapshotRetentionLimit")
}
