package tollgate.access.aws.rds_snapshot_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.rds_snapshot
import rego.v1

# resource "aws_db_snapshot" "orders" {        # line 1
#   db_instance_identifier = "orders"          # line 2
#   db_snapshot_identifier = "orders-final"    # line 3
#   shared_accounts        = ACCOUNTS          # line 4
# }                                            # line 5
snapshot(type, accounts) := fx.doc(type, "orders", fx.block(1, 5, {"db_instance_identifier": "orders", "shared_accounts": accounts}, {"db_instance_identifier": 2, "shared_accounts": 4}))

test_tg_aws_468_violation if {
	findings := rds_snapshot.deny with input as snapshot("aws_db_snapshot", ["123456789012", "all"])
	fx.found(findings, "TG-AWS-468", fx.at(4), `RDS snapshot "orders" is shared with every AWS account (shared_accounts contains "all")`)
	count(findings) == 1
	fx.found(rds_snapshot.deny, "TG-AWS-468", fx.at(4), `RDS cluster snapshot "orders" is shared with every AWS account (shared_accounts contains "all")`) with input as snapshot("aws_db_cluster_snapshot", ["all"])
}

test_tg_aws_468_compliant if {
	count(rds_snapshot.deny) == 0 with input as snapshot("aws_db_snapshot", ["123456789012"])
	count(rds_snapshot.deny) == 0 with input as snapshot("aws_db_snapshot", [])
	count(rds_snapshot.deny) == 0 with input as snapshot("aws_db_snapshot", fx.unknown)
}
