package tollgate.backup.aws.final_snapshot

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster": "RDS cluster",
	"aws_docdb_cluster": "DocumentDB cluster",
	"aws_neptune_cluster": "Neptune cluster",
	"aws_redshift_cluster": "Redshift cluster",
}

# METADATA
# title: Database is deleted without a final snapshot
# description: |
#   skip_final_snapshot = true on an aws_db_instance, aws_rds_cluster, aws_docdb_cluster,
#   aws_neptune_cluster or aws_redshift_cluster: when Terraform destroys or replaces the
#   database, no snapshot is taken, and the automated backups are deleted with it, so
#   the data is gone for good.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.Snapshot
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#skip_final_snapshot
# custom:
#   id: TG-AWS-144
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set skip_final_snapshot = false (the default) with a final_snapshot_identifier (final_snapshot_identifier on aws_redshift_cluster).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster", "aws_redshift_cluster"}
	r := input.resource
	lib.is_true(r.skip_final_snapshot)
	msg := sprintf("%s %q is deleted without a final snapshot (skip_final_snapshot = true)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "skip_final_snapshot"), msg)
}
