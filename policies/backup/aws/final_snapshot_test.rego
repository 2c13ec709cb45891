package tollgate.backup.aws.final_snapshot_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.final_snapshot
import rego.v1

# resource "aws_db_instance" "orders" {   # line 1
#   identifier          = "orders"        # line 2
#   skip_final_snapshot = SKIP            # line 3
# }                                       # line 4
db(type, attrs) := fx.doc(type, "orders", fx.block(1, 4, object.union({"identifier": "orders"}, attrs), {"identifier": 2, "skip_final_snapshot": 3}))

test_tg_aws_144_violation if {
	findings := final_snapshot.deny with input as db("aws_db_instance", {"skip_final_snapshot": true})
	fx.found(findings, "TG-AWS-144", fx.at(3), `RDS instance "orders" is deleted without a final snapshot (skip_final_snapshot = true)`)
	count(findings) == 1
}

test_tg_aws_144_compliant if {
	count(final_snapshot.deny) == 0 with input as db("aws_db_instance", {"skip_final_snapshot": false})
	count(final_snapshot.deny) == 0 with input as db("aws_db_instance", {})
	count(final_snapshot.deny) == 0 with input as db("aws_db_instance", {"skip_final_snapshot": fx.unknown})
}

test_tg_aws_144_other_databases if {
	fx.found(final_snapshot.deny, "TG-AWS-144", fx.at(3), `Redshift cluster "orders" is deleted without a final snapshot (skip_final_snapshot = true)`) with input as db("aws_redshift_cluster", {"skip_final_snapshot": "true"})
	count(final_snapshot.deny) == 1 with input as db("aws_docdb_cluster", {"skip_final_snapshot": true})
}
