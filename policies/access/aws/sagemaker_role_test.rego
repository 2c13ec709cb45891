package tollgate.access.aws.sagemaker_role_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.sagemaker_role
import rego.v1

# resource "aws_iam_role" "notebook" {          # line 1
#   name = "notebook"                           # line 2
#   inline_policy {                             # line 3
#     name   = "all"                            # line 4
#     policy = jsonencode(POLICY)               # lines 5-8
#   }                                           # line 9
# }                                             # line 10
policy(action) := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "arn:aws:s3:::data/*"}]})

role(action) := fx.doc("aws_iam_role", "notebook", fx.block(1, 10, {"name": "notebook", "inline_policy": [fx.block(3, 9, {"name": "all", "policy": policy(action)}, {"name": 4, "policy": [5, 8]})]}, {"name": 2}))

notebook := fx.block(12, 16, {"name": "lab"}, {})

test_tg_aws_484_violation if {
	findings := sagemaker_role.deny with input as fx.with_related(role("*"), "aws_sagemaker_notebook_instance", [notebook])
	fx.found(findings, "TG-AWS-484", fx.span(5, 8), `IAM role "notebook" of a SageMaker notebook instance has an inline policy that allows every action (Action "*")`)
	count(findings) == 1
}

test_tg_aws_484_role_policy if {
	rp := fx.block(20, 25, {"role": "notebook", "policy": policy(["s3:GetObject", "*"])}, {})
	d := fx.with_related(fx.with_related(role("s3:GetObject"), "aws_sagemaker_notebook_instance", [notebook]), "aws_iam_role_policy", [rp])
	fx.found(sagemaker_role.deny, "TG-AWS-484", fx.span(1, 10), `IAM role "notebook" of a SageMaker notebook instance has an aws_iam_role_policy (line 20) that allows every action (Action "*")`) with input as d
}

test_tg_aws_484_compliant if {
	count(sagemaker_role.deny) == 0 with input as fx.with_related(role("s3:GetObject"), "aws_sagemaker_notebook_instance", [notebook])
	count(sagemaker_role.deny) == 0 with input as role("*")
}
