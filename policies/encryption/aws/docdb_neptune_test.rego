package tollgate.encryption.aws.docdb_neptune_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.docdb_neptune
import rego.v1

# resource "aws_docdb_cluster" "catalog" {     # line 1
#   cluster_identifier = "catalog"             # line 2
#   storage_encrypted  = ENCRYPTED             # line 3
# }                                            # line 4
cluster(type, attrs) := fx.doc(type, "catalog", fx.block(1, 4, object.union({"cluster_identifier": "catalog"}, attrs), {"cluster_identifier": 2, "storage_encrypted": 3}))

test_tg_aws_110_violation if {
	findings := docdb_neptune.deny with input as cluster("aws_docdb_cluster", {"storage_encrypted": false})
	fx.found(findings, "TG-AWS-110", fx.at(3), `DocumentDB cluster "catalog" is not encrypted at rest (storage_encrypted = false)`)
	count(findings) == 1
}

test_tg_aws_110_compliant if {
	count(docdb_neptune.deny) == 0 with input as cluster("aws_docdb_cluster", {"storage_encrypted": true})
	count(docdb_neptune.deny) == 0 with input as cluster("aws_neptune_cluster", {"storage_encrypted": "true"})
}

test_tg_aws_110_neptune_default_fires if {
	fx.found(docdb_neptune.deny, "TG-AWS-110", fx.span(1, 4), `Neptune cluster "catalog" is not encrypted at rest (storage_encrypted is not set, default false)`) with input as cluster("aws_neptune_cluster", {})
}

test_tg_aws_110_unknown_does_not_fire if {
	count(docdb_neptune.deny) == 0 with input as cluster("aws_docdb_cluster", {"storage_encrypted": fx.unknown})
}
