package tollgate.encryption.aws.dms_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.dms
import rego.v1

# resource "aws_dms_endpoint" "src" {   # line 1
#   endpoint_type = TYPE                # line 2
#   engine_name   = ENGINE              # line 3
#   ssl_mode      = MODE                # line 4
#   kms_key_arn   = KEY                 # line 5
# }                                     # line 6
endpoint(attrs) := fx.doc("aws_dms_endpoint", "src", fx.block(1, 6, attrs, {"endpoint_type": 2, "engine_name": 3, "ssl_mode": 4, "kms_key_arn": 5, "s3_settings": 5}))

key := "arn:aws:kms:us-east-1:123456789012:key/k"

test_tg_aws_473_violation if {
	findings := dms.deny with input as endpoint({"endpoint_type": "source", "engine_name": "postgres", "ssl_mode": "none", "kms_key_arn": key})
	fx.found(findings, "TG-AWS-473", fx.at(4), `DMS endpoint "src" does not use SSL (ssl_mode = "none")`)
	count(findings) == 1
}

test_tg_aws_473_unset if {
	findings := dms.deny with input as endpoint({"endpoint_type": "target", "engine_name": "mysql", "kms_key_arn": key})
	fx.found(findings, "TG-AWS-473", fx.span(1, 6), `DMS endpoint "src" does not use SSL (ssl_mode is not set, default none)`)
	count(findings) == 1
}

test_tg_aws_473_compliant if {
	count(dms.deny) == 0 with input as endpoint({"endpoint_type": "source", "engine_name": "postgres", "ssl_mode": "verify-full", "kms_key_arn": key})
	count(dms.deny) == 0 with input as endpoint({"endpoint_type": "target", "engine_name": "redshift", "kms_key_arn": key})
	count(dms.deny) == 0 with input as endpoint({"endpoint_type": "source", "engine_name": "oracle", "ssl_mode": fx.unknown, "kms_key_arn": key})
	count(dms.deny) == 0 with input as endpoint({"endpoint_type": "source", "engine_name": fx.unknown, "kms_key_arn": key})
}

test_tg_aws_474_violation if {
	findings := dms.deny with input as endpoint({"endpoint_type": "source", "engine_name": "postgres", "ssl_mode": "require"})
	fx.found(findings, "TG-AWS-474", fx.span(1, 6), `DMS endpoint "src" is not encrypted with a customer managed key (kms_key_arn is not set)`)
	count(findings) == 1
}

test_tg_aws_474_s3 if {
	s3 := fx.block(5, 5, {"bucket_name": "lake"}, {})
	findings := dms.deny with input as endpoint({"endpoint_type": "target", "engine_name": "s3", "s3_settings": [s3]})
	fx.found(findings, "TG-AWS-474", fx.at(5), `DMS endpoint "src" is not encrypted with a customer managed key (s3_settings has no server_side_encryption_kms_key_id)`)
	count(findings) == 1
}

test_tg_aws_474_compliant if {
	s3 := fx.block(5, 5, {"server_side_encryption_kms_key_id": key}, {})
	count(dms.deny) == 0 with input as endpoint({"endpoint_type": "target", "engine_name": "s3", "s3_settings": [s3]})
	count(dms.deny) == 0 with input as endpoint({"endpoint_type": "target", "engine_name": "dynamodb", "kms_key_arn": fx.unknown})
}
