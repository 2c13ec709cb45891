package tollgate.backup.aws.rds_recovery_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.rds_recovery as rds
import rego.v1

# resource "aws_db_instance" "orders" {          # line 1
#   identifier              = "orders"          # line 2
#   backup_retention_period = RETENTION         # line 3
#   copy_tags_to_snapshot   = COPY_TAGS         # line 4
#   multi_az                = MULTI_AZ          # line 5
#   replicate_source_db     = SOURCE            # line 6
#   deletion_protection     = PROTECTION        # line 7
# }                                             # line 8
lines := {"identifier": 2, "backup_retention_period": 3, "copy_tags_to_snapshot": 4, "multi_az": 5, "replicate_source_db": 6, "deletion_protection": 7}

good := {"identifier": "orders", "backup_retention_period": 14, "copy_tags_to_snapshot": true, "multi_az": true}

db(attrs) := fx.doc("aws_db_instance", "orders", fx.block(1, 8, object.union(good, attrs), lines))

db_without(key) := fx.doc("aws_db_instance", "orders", fx.block(1, 8, object.remove(good, [key]), lines))

cluster(attrs) := fx.doc("aws_rds_cluster", "events", fx.block(1, 8, object.union({"backup_retention_period": 14, "copy_tags_to_snapshot": true, "deletion_protection": true}, attrs), lines))

# TG-AWS-140

test_tg_aws_140_violation if {
	findings := rds.deny with input as db({"backup_retention_period": 3})
	fx.found(findings, "TG-AWS-140", fx.at(3), `RDS instance "orders" keeps automated backups for less than 7 days (backup_retention_period = 3)`)
	count(findings) == 1
}

test_tg_aws_140_compliant if {
	count(rds.deny) == 0 with input as db({})
	count(rds.deny) == 0 with input as db({"backup_retention_period": "7"})
}

test_tg_aws_140_default_and_param if {
	fx.found(rds.deny, "TG-AWS-140", fx.span(1, 8), `RDS instance "orders" keeps automated backups for less than 7 days (backup_retention_period is not set, default 1 day)`) with input as db_without("backup_retention_period")
	fx.found(rds.deny, "TG-AWS-140", fx.at(3), `RDS instance "orders" keeps automated backups for less than 30 days (backup_retention_period = 14)`) with input as db({}) with data.config.params as {"min_backup_retention_days": 30}
}

test_tg_aws_140_zero_and_replicas_left_out if {
	count(rds.deny) == 0 with input as db({"backup_retention_period": 0})
	count(rds.deny) == 0 with input as db({"backup_retention_period": 1, "replicate_source_db": "orders-primary"})
	count(rds.deny) == 0 with input as db({"backup_retention_period": 1, "replicate_source_db": fx.unknown})
}

test_tg_aws_140_unknown_does_not_fire if {
	count(rds.deny) == 0 with input as db({"backup_retention_period": fx.unknown})
}

test_tg_aws_140_cluster if {
	fx.found(rds.deny, "TG-AWS-140", fx.at(3), `RDS cluster "events" keeps automated backups for less than 7 days (backup_retention_period = 1)`) with input as cluster({"backup_retention_period": 1})
}

# TG-AWS-141

test_tg_aws_141_violation if {
	findings := rds.deny with input as cluster({"deletion_protection": false})
	fx.found(findings, "TG-AWS-141", fx.at(7), `RDS cluster "events" has no deletion protection (deletion_protection = false)`)
	count(findings) == 1
}

test_tg_aws_141_compliant if {
	count(rds.deny) == 0 with input as cluster({})
	count(rds.deny) == 0 with input as cluster({"deletion_protection": fx.unknown})
}

test_tg_aws_141_default_fires if {
	d := fx.doc("aws_rds_cluster", "events", fx.block(1, 8, {"backup_retention_period": 14, "copy_tags_to_snapshot": true}, lines))
	fx.found(rds.deny, "TG-AWS-141", fx.span(1, 8), `RDS cluster "events" has no deletion protection (deletion_protection is not set, default false)`) with input as d
}

# TG-AWS-142

test_tg_aws_142_violation if {
	findings := rds.deny with input as db({"copy_tags_to_snapshot": false})
	fx.found(findings, "TG-AWS-142", fx.at(4), `RDS instance "orders" does not copy its tags to snapshots (copy_tags_to_snapshot = false)`)
	count(findings) == 1
}

test_tg_aws_142_compliant if {
	count(rds.deny) == 0 with input as db({"copy_tags_to_snapshot": "true"})
	count(rds.deny) == 0 with input as db({"copy_tags_to_snapshot": fx.unknown})
}

test_tg_aws_142_default_fires if {
	fx.found(rds.deny, "TG-AWS-142", fx.span(1, 8), `RDS instance "orders" does not copy its tags to snapshots (copy_tags_to_snapshot is not set, default false)`) with input as db_without("copy_tags_to_snapshot")
}

# TG-AWS-143

test_tg_aws_143_violation if {
	findings := rds.deny with input as db({"multi_az": false})
	fx.found(findings, "TG-AWS-143", fx.at(5), `RDS instance "orders" runs in a single Availability Zone (multi_az = false)`)
	count(findings) == 1
}

test_tg_aws_143_compliant if {
	count(rds.deny) == 0 with input as db({})
	count(rds.deny) == 0 with input as db({"multi_az": fx.unknown})
	count(rds.deny) == 0 with input as db({"multi_az": false, "replicate_source_db": "orders-primary", "backup_retention_period": 0})
}

test_tg_aws_143_default_fires if {
	fx.found(rds.deny, "TG-AWS-143", fx.span(1, 8), `RDS instance "orders" runs in a single Availability Zone (multi_az is not set, default false)`) with input as db_without("multi_az")
}
