package tollgate.encryption.aws.sagemaker_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.sagemaker
import rego.v1

# resource "aws_sagemaker_notebook_instance" "research" {   # line 1
#   name          = "research"                              # line 2
#   instance_type = "ml.t3.medium"                          # line 3
#   kms_key_id    = KEY                                     # line 4
# }                                                         # line 5
notebook(attrs) := fx.doc("aws_sagemaker_notebook_instance", "research", fx.block(1, 5, object.union({"name": "research", "instance_type": "ml.t3.medium"}, attrs), {"name": 2, "instance_type": 3, "kms_key_id": 4}))

test_tg_aws_115_violation if {
	findings := sagemaker.deny with input as notebook({})
	fx.found(findings, "TG-AWS-115", fx.span(1, 5), `SageMaker notebook instance "research" does not encrypt its storage with a customer managed key (kms_key_id is not set)`)
	count(findings) == 1
}

test_tg_aws_115_compliant if {
	count(sagemaker.deny) == 0 with input as notebook({"kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

test_tg_aws_115_unknown_does_not_fire if {
	count(sagemaker.deny) == 0 with input as notebook({"kms_key_id": fx.unknown})
}
