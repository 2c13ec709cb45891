package tollgate.encryption.aws.rds_global_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.rds_global
import rego.v1

# resource "aws_rds_global_cluster" "world" {     # line 1
#   global_cluster_identifier = "world"           # line 2
#   storage_encrypted         = ENCRYPTED         # line 3
# }                                               # line 4
global(type, attrs) := fx.doc(type, "world", fx.block(1, 4, object.union({"global_cluster_identifier": "world"}, attrs), {"global_cluster_identifier": 2, "storage_encrypted": 3, "source_db_cluster_identifier": 3}))

test_tg_aws_469_violation if {
	findings := rds_global.deny with input as global("aws_rds_global_cluster", {"storage_encrypted": false})
	fx.found(findings, "TG-AWS-469", fx.at(3), `RDS global cluster "world" is not encrypted at rest (storage_encrypted = false)`)
	count(findings) == 1
}

test_tg_aws_469_unset if {
	fx.found(rds_global.deny, "TG-AWS-469", fx.span(1, 4), `DocumentDB global cluster "world" is not encrypted at rest (storage_encrypted is not set, default false)`) with input as global("aws_docdb_global_cluster", {})
}

test_tg_aws_469_compliant if {
	count(rds_global.deny) == 0 with input as global("aws_rds_global_cluster", {"storage_encrypted": true})
	count(rds_global.deny) == 0 with input as global("aws_rds_global_cluster", {"source_db_cluster_identifier": "arn:aws:rds:us-east-1:123456789012:cluster:app"})
	count(rds_global.deny) == 0 with input as global("aws_rds_global_cluster", {"source_db_cluster_identifier": fx.unknown})
	count(rds_global.deny) == 0 with input as global("aws_neptune_global_cluster", {"storage_encrypted": fx.unknown})
}
