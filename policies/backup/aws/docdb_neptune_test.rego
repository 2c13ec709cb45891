package tollgate.backup.aws.docdb_neptune_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.docdb_neptune
import rego.v1

# resource "aws_docdb_cluster" "catalog" {        # line 1
#   cluster_identifier      = "catalog"           # line 2
#   backup_retention_period = RETENTION           # line 3
# }                                               # line 4
cluster(type, attrs) := fx.doc(type, "catalog", fx.block(1, 4, object.union({"cluster_identifier": "catalog"}, attrs), {"cluster_identifier": 2, "backup_retention_period": 3}))

test_tg_aws_145_violation if {
	findings := docdb_neptune.deny with input as cluster("aws_docdb_cluster", {"backup_retention_period": 5})
	fx.found(findings, "TG-AWS-145", fx.at(3), `DocumentDB cluster "catalog" keeps backups for less than 7 days (backup_retention_period = 5)`)
	count(findings) == 1
}

test_tg_aws_145_compliant if {
	count(docdb_neptune.deny) == 0 with input as cluster("aws_docdb_cluster", {"backup_retention_period": 35})
	count(docdb_neptune.deny) == 0 with input as cluster("aws_neptune_cluster", {"backup_retention_period": fx.unknown})
}

test_tg_aws_145_default_fires if {
	fx.found(docdb_neptune.deny, "TG-AWS-145", fx.span(1, 4), `Neptune cluster "catalog" keeps backups for less than 7 days (backup_retention_period is not set, default 1 day)`) with input as cluster("aws_neptune_cluster", {})
	count(docdb_neptune.deny) == 0 with input as cluster("aws_neptune_cluster", {}) with data.config.params as {"min_backup_retention_days": 1}
}
