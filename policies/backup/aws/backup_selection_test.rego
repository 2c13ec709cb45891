package tollgate.backup.aws.backup_selection_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.backup_selection
import rego.v1

# resource "aws_rds_cluster" "app" {   # line 1
#   cluster_identifier = "app"         # line 2
# }                                    # line 3
cluster := fx.doc("aws_rds_cluster", "app", fx.block(1, 3, {"cluster_identifier": "app"}, {"cluster_identifier": 2}))

efs := fx.doc("aws_efs_file_system", "shared", fx.block(1, 3, {"creation_token": "shared"}, {"creation_token": 2}))

volume := fx.doc("aws_ebs_volume", "data", fx.block(1, 3, {"availability_zone": "eu-west-1a"}, {"availability_zone": 2}))

selection := fx.block(5, 9, {"name": "db", "plan_id": "p"}, {})

test_tg_aws_481_violation if {
	findings := backup_selection.deny with input as cluster
	fx.found(findings, "TG-AWS-481", fx.span(1, 3), `RDS cluster "app" is not in any AWS Backup plan (no aws_backup_selection refers to it)`)
	count(findings) == 1
	fx.found(backup_selection.deny, "TG-AWS-481", fx.span(1, 3), `EFS file system "shared" is not in any AWS Backup plan (no aws_backup_selection refers to it)`) with input as efs
	fx.found(backup_selection.deny, "TG-AWS-481", fx.span(1, 3), `EBS volume "data" is not in any AWS Backup plan (no aws_backup_selection refers to it)`) with input as volume
}

test_tg_aws_481_compliant if {
	count(backup_selection.deny) == 0 with input as fx.with_related(cluster, "aws_backup_selection", [selection])
	count(backup_selection.deny) == 0 with input as fx.with_related(efs, "aws_efs_backup_policy", [selection])
	count(backup_selection.deny) == 0 with input as fx.with_related(volume, "aws_backup_selection", [selection])
	count(backup_selection.deny) == 0 with input as object.union(volume, {"related_unknown": true})
}
