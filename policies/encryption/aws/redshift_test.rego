package tollgate.encryption.aws.redshift_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.redshift
import rego.v1

# resource "aws_redshift_cluster" "dwh" {   # line 1
#   cluster_identifier = "dwh"              # line 2
#   encrypted          = ENCRYPTED          # line 3
# }                                         # line 4
cluster(attrs) := fx.doc("aws_redshift_cluster", "dwh", fx.block(1, 4, object.union({"cluster_identifier": "dwh"}, attrs), {"cluster_identifier": 2, "encrypted": 3}))

test_tg_aws_098_violation if {
	findings := redshift.deny with input as cluster({"encrypted": false})
	fx.found(findings, "TG-AWS-098", fx.at(3), `Redshift cluster "dwh" is not encrypted at rest (encrypted = false)`)
	count(findings) == 1
}

test_tg_aws_098_compliant if {
	count(redshift.deny) == 0 with input as cluster({"encrypted": "true"})
}

test_tg_aws_098_default_fires if {
	fx.found(redshift.deny, "TG-AWS-098", fx.span(1, 4), `Redshift cluster "dwh" is not encrypted at rest (encrypted is not set, default false)`) with input as cluster({})
}

test_tg_aws_098_unknown_does_not_fire if {
	count(redshift.deny) == 0 with input as cluster({"encrypted": fx.unknown})
}
