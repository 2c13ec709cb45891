package tollgate.backup.aws.redshift_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.redshift
import rego.v1

# resource "aws_redshift_cluster" "dwh" {              # line 1
#   cluster_identifier                  = "dwh"        # line 2
#   automated_snapshot_retention_period = RETENTION    # line 3
# }                                                    # line 4
cluster(attrs) := fx.doc("aws_redshift_cluster", "dwh", fx.block(1, 4, object.union({"cluster_identifier": "dwh"}, attrs), {"cluster_identifier": 2, "automated_snapshot_retention_period": 3}))

test_tg_aws_147_violation if {
	findings := redshift.deny with input as cluster({"automated_snapshot_retention_period": 0})
	fx.found(findings, "TG-AWS-147", fx.at(3), `Redshift cluster "dwh" keeps automated snapshots for less than 7 days (automated_snapshot_retention_period = 0)`)
	count(findings) == 1
}

test_tg_aws_147_compliant if {
	count(redshift.deny) == 0 with input as cluster({"automated_snapshot_retention_period": 14})
	count(redshift.deny) == 0 with input as cluster({"automated_snapshot_retention_period": fx.unknown})
}

test_tg_aws_147_default_fires if {
	fx.found(redshift.deny, "TG-AWS-147", fx.span(1, 4), `Redshift cluster "dwh" keeps automated snapshots for less than 7 days (automated_snapshot_retention_period is not set, default 1 day)`) with input as cluster({})
}
