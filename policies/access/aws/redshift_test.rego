package tollgate.access.aws.redshift_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.redshift
import rego.v1

# resource "aws_redshift_cluster" "dwh" {     # line 1
#   cluster_identifier  = "dwh"               # line 2
#   node_type           = "ra3.xlplus"        # line 3
#   publicly_accessible = PUBLIC              # line 4
# }                                           # line 5
cluster(attrs) := fx.doc("aws_redshift_cluster", "dwh", fx.block(1, 5, object.union({"cluster_identifier": "dwh", "node_type": "ra3.xlplus"}, attrs), {"cluster_identifier": 2, "node_type": 3, "publicly_accessible": 4}))

test_tg_aws_062_violation if {
	findings := redshift.deny with input as cluster({"publicly_accessible": true})
	fx.found(findings, "TG-AWS-062", fx.at(4), `Redshift cluster "dwh" is publicly accessible (publicly_accessible = true)`)
	count(findings) == 1
}

test_tg_aws_062_compliant if {
	count(redshift.deny) == 0 with input as cluster({"publicly_accessible": false})
	count(redshift.deny) == 0 with input as cluster({"publicly_accessible": "false"})
}

test_tg_aws_062_default_fires if {
	fx.found(redshift.deny, "TG-AWS-062", fx.span(1, 5), `Redshift cluster "dwh" is publicly accessible (publicly_accessible is not set, default true)`) with input as cluster({})
}

test_tg_aws_062_unknown_does_not_fire if {
	count(redshift.deny) == 0 with input as cluster({"publicly_accessible": fx.unknown})
}
