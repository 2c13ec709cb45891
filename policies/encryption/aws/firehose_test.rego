package tollgate.encryption.aws.firehose_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.firehose
import rego.v1

# resource "aws_kinesis_firehose_delivery_stream" "s" {   # line 1
#   name        = "s"                                     # line 2
#   server_side_encryption {                              # line 3
#     enabled  = true                                     # line 4
#     key_type = TYPE                                     # line 5
#     key_arn  = KEY                                      # line 6
#   }                                                     # line 7
# }                                                       # line 8
stream(sse) := fx.doc("aws_kinesis_firehose_delivery_stream", "s", fx.block(1, 8, {"name": "s", "server_side_encryption": [fx.block(3, 7, sse, {"enabled": 4, "key_type": 5, "key_arn": 6})]}, {"name": 2}))

test_tg_aws_478_violation if {
	findings := firehose.deny with input as stream({"enabled": true, "key_type": "AWS_OWNED_CMK"})
	fx.found(findings, "TG-AWS-478", fx.at(5), `Kinesis Firehose delivery stream "s" is not encrypted with a customer managed key (key_type = "AWS_OWNED_CMK")`)
	count(findings) == 1
}

test_tg_aws_478_default if {
	fx.found(firehose.deny, "TG-AWS-478", fx.span(3, 7), `Kinesis Firehose delivery stream "s" is not encrypted with a customer managed key (key_type is not set, default AWS_OWNED_CMK)`) with input as stream({"enabled": true})
}

test_tg_aws_478_compliant if {
	count(firehose.deny) == 0 with input as stream({"enabled": true, "key_type": "CUSTOMER_MANAGED_CMK", "key_arn": "arn:aws:kms:us-east-1:123456789012:key/k"})
	count(firehose.deny) == 0 with input as stream({"enabled": true, "key_type": "CUSTOMER_MANAGED_CMK", "key_arn": fx.unknown})
	count(firehose.deny) == 0 with input as stream({"enabled": true, "key_type": fx.unknown})
	count(firehose.deny) == 0 with input as stream({"enabled": false})
}
