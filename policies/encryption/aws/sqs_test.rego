package tollgate.encryption.aws.sqs_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.sqs
import rego.v1

# resource "aws_sqs_queue" "jobs" {             # line 1
#   name                    = "jobs"            # line 2
#   sqs_managed_sse_enabled = MANAGED           # line 3
#   kms_master_key_id       = KEY               # line 4
# }                                             # line 5
queue(attrs) := fx.doc("aws_sqs_queue", "jobs", fx.block(1, 5, object.union({"name": "jobs"}, attrs), {"name": 2, "sqs_managed_sse_enabled": 3, "kms_master_key_id": 4}))

test_tg_aws_094_violation if {
	findings := sqs.deny with input as queue({"sqs_managed_sse_enabled": false})
	fx.found(findings, "TG-AWS-094", fx.at(3), `SQS queue "jobs" is not encrypted at rest (sqs_managed_sse_enabled = false and no kms_master_key_id)`)
	count(findings) == 1
}

test_tg_aws_094_compliant if {
	count(sqs.deny) == 0 with input as queue({})
	count(sqs.deny) == 0 with input as queue({"sqs_managed_sse_enabled": true})
	count(sqs.deny) == 0 with input as queue({"sqs_managed_sse_enabled": false, "kms_master_key_id": "alias/jobs"})
}

test_tg_aws_094_unknown_does_not_fire if {
	count(sqs.deny) == 0 with input as queue({"sqs_managed_sse_enabled": false, "kms_master_key_id": fx.unknown})
}
