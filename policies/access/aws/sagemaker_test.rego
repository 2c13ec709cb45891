package tollgate.access.aws.sagemaker_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.sagemaker
import rego.v1

# resource "aws_sagemaker_notebook_instance" "research" {   # line 1
#   name                   = "research"                     # line 2
#   role_arn               = aws_iam_role.notebook.arn      # line 3 (unknown)
#   instance_type          = "ml.t3.medium"                 # line 4
#   direct_internet_access = ACCESS                         # line 5
# }                                                         # line 6
notebook(attrs) := fx.doc("aws_sagemaker_notebook_instance", "research", fx.block(
	1, 6, object.union(
		{"name": "research", "role_arn": fx.unknown, "instance_type": "ml.t3.medium"},
		attrs,
	),
	{"name": 2, "role_arn": 3, "instance_type": 4, "direct_internet_access": 5},
))

test_tg_aws_063_violation if {
	findings := sagemaker.deny with input as notebook({"direct_internet_access": "Enabled"})
	fx.found(findings, "TG-AWS-063", fx.at(5), `SageMaker notebook instance "research" has direct internet access (direct_internet_access = "Enabled")`)
	count(findings) == 1
}

test_tg_aws_063_compliant if {
	count(sagemaker.deny) == 0 with input as notebook({"direct_internet_access": "Disabled"})
}

test_tg_aws_063_default_fires if {
	fx.found(sagemaker.deny, "TG-AWS-063", fx.span(1, 6), `SageMaker notebook instance "research" has direct internet access (direct_internet_access is not set, default Enabled)`) with input as notebook({})
}

test_tg_aws_063_unknown_does_not_fire if {
	count(sagemaker.deny) == 0 with input as notebook({"direct_internet_access": fx.unknown})
}
