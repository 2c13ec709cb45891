package tollgate.encryption.aws.kinesis_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.kinesis
import rego.v1

# resource "aws_kinesis_stream" "events" {   # line 1
#   name            = "events"               # line 2
#   encryption_type = TYPE                   # line 3
#   kms_key_id      = KEY                    # line 4
# }                                          # line 5
stream(attrs) := fx.doc("aws_kinesis_stream", "events", fx.block(1, 5, object.union({"name": "events"}, attrs), {"name": 2, "encryption_type": 3, "kms_key_id": 4}))

test_tg_aws_114_violation if {
	findings := kinesis.deny with input as stream({"encryption_type": "NONE"})
	fx.found(findings, "TG-AWS-114", fx.at(3), `Kinesis stream "events" is not encrypted at rest (encryption_type = "NONE")`)
	count(findings) == 1
}

test_tg_aws_114_compliant if {
	count(kinesis.deny) == 0 with input as stream({"encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"})
}

test_tg_aws_114_default_fires if {
	fx.found(kinesis.deny, "TG-AWS-114", fx.span(1, 5), `Kinesis stream "events" is not encrypted at rest (encryption_type is not set, default NONE)`) with input as stream({})
}

test_tg_aws_114_unknown_does_not_fire if {
	count(kinesis.deny) == 0 with input as stream({"encryption_type": fx.unknown})
}
