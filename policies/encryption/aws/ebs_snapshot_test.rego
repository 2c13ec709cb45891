package tollgate.encryption.aws.ebs_snapshot_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.ebs_snapshot
import rego.v1

# resource "aws_ebs_snapshot_copy" "dr" {                  # line 1
#   source_snapshot_id = aws_ebs_snapshot.data.id          # line 2 (unknown)
#   source_region      = "eu-west-1"                       # line 3
#   encrypted          = ENCRYPTED                         # line 4
# }                                                        # line 5
copy(attrs) := fx.doc("aws_ebs_snapshot_copy", "dr", fx.block(1, 5, object.union({"source_snapshot_id": fx.unknown, "source_region": "eu-west-1"}, attrs), {"source_snapshot_id": 2, "source_region": 3, "encrypted": 4}))

test_tg_aws_119_violation if {
	findings := ebs_snapshot.deny with input as copy({"encrypted": false})
	fx.found(findings, "TG-AWS-119", fx.at(4), `EBS snapshot copy "dr" is not encrypted (encrypted = false)`)
	count(findings) == 1
}

test_tg_aws_119_compliant if {
	count(ebs_snapshot.deny) == 0 with input as copy({"encrypted": true})
}

test_tg_aws_119_default_fires if {
	fx.found(ebs_snapshot.deny, "TG-AWS-119", fx.span(1, 5), `EBS snapshot copy "dr" is not encrypted (encrypted is not set, default false)`) with input as copy({})
}

test_tg_aws_119_unknown_does_not_fire if {
	count(ebs_snapshot.deny) == 0 with input as copy({"encrypted": fx.unknown})
}
