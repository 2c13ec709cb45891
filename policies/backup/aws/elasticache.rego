package tollgate.backup.aws.elasticache

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_elasticache_replication_group": "ElastiCache replication group",
	"aws_elasticache_cluster": "ElastiCache cluster",
}

# METADATA
# title: ElastiCache backup retention is below the minimum
# description: |
#   snapshot_retention_limit on a Redis or Valkey aws_elasticache_replication_group, or
#   on a standalone aws_elasticache_cluster of those engines, is lower than the
#   min_backup_retention_days parameter (7 by default), or not set (its default is 0:
#   no automatic backups at all). Data kept only in the cache, such as sessions, queues
#   and leaderboards, cannot be restored after a failure or a FLUSHALL. Memcached, which
#   has no backups, and cluster members of a replication group are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-1
# custom:
#   id: TG-AWS-146
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set snapshot_retention_limit to the number of days of backups you need (at most 35) and a snapshot_window outside peak hours.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"aws_elasticache_replication_group", "aws_elasticache_cluster"}
	r := input.resource
	backed_up_engine(r)
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	problem := short_retention(r, minimum)
	msg := sprintf("%s %q keeps backups for less than %d days (%s)", [kinds[input.type], input.name, minimum, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "snapshot_retention_limit"), msg)
}

backed_up_engine(_) if input.type == "aws_elasticache_replication_group"

backed_up_engine(r) if {
	input.type == "aws_elasticache_cluster"
	r.engine in {"redis", "valkey"}
	lib.missing(r, "replication_group_id")
}

short_retention(r, minimum) := sprintf("snapshot_retention_limit = %d", [n]) if {
	n := helpers.number(r.snapshot_retention_limit)
	n < minimum
} else := "snapshot_retention_limit is not set, default 0: no automatic backups" if {
	lib.missing(r, "snapshot_retention_limit")
}
