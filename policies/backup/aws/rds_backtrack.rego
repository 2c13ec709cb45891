package tollgate.backup.aws.rds_backtrack

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Aurora MySQL cluster has no backtracking
# description: |
#   An aws_rds_cluster of engine aurora-mysql (or aurora) leaves backtrack_window unset or 0
#   (its default is 0): after a bad write, a dropped table or a faulty migration the cluster
#   cannot be rewound in place to a point before it, only restored into a new cluster from
#   backups. Serverless v1 clusters, which do not support backtracking, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#backtrack_window
# custom:
#   id: TG-AWS-476
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set backtrack_window to the number of seconds to keep (up to 259200, 72 hours); it can only be enabled when the cluster is created.
#   frameworks:
#     nist-800-53: ["CP-9", "CP-10"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_rds_cluster"
	r := input.resource
	r.engine in {"aurora-mysql", "aurora"}
	not object.get(r, "engine_mode", "provisioned") in {"serverless", "multimaster", "parallelquery"}
	not lib.unknown(r, "engine_mode")
	some text in disabled(r)
	msg := sprintf("RDS cluster %q has no backtracking (%s)", [input.name, text])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "backtrack_window"), msg)
}

disabled(r) := {"backtrack_window is not set, default 0"} if {
	lib.missing(r, "backtrack_window")
} else := {"backtrack_window = 0"} if {
	helpers.number(r.backtrack_window) == 0
} else := set()
