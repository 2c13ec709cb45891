package tollgate.encryption.aws.eks_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.eks
import rego.v1

# resource "aws_eks_cluster" "main" {              # line 1
#   name     = "main"                              # line 2
#   role_arn = aws_iam_role.eks.arn                # line 3 (unknown)
#   encryption_config {                            # line 4
#     resources = RESOURCES                        # line 5
#     provider {                                   # line 6
#       key_arn = aws_kms_key.eks.arn              # line 7 (unknown)
#     }                                            # line 8
#   }                                              # line 9
# }                                                # line 10
cluster(config) := fx.doc("aws_eks_cluster", "main", fx.block(1, 10, object.union({"name": "main", "role_arn": fx.unknown}, config), {"name": 2, "role_arn": 3}))

encryption(resources) := {"encryption_config": [fx.block(
	4, 9, {
		"resources": resources,
		"provider": [fx.block(6, 8, {"key_arn": fx.unknown}, {"key_arn": 7})],
	},
	{"resources": 5},
)]}

test_tg_aws_106_violation if {
	findings := eks.deny with input as cluster({})
	fx.found(findings, "TG-AWS-106", fx.span(1, 10), `EKS cluster "main" does not encrypt Kubernetes secrets with a KMS key (no encryption_config for "secrets")`)
	count(findings) == 1
}

test_tg_aws_106_compliant if {
	count(eks.deny) == 0 with input as cluster(encryption(["secrets"]))
}

test_tg_aws_106_other_resources_fire if {
	count(eks.deny) == 1 with input as cluster(encryption(["configmaps"]))
}

test_tg_aws_106_unknown_does_not_fire if {
	count(eks.deny) == 0 with input as cluster(encryption(fx.unknown))
	unknown_block := fx.doc("aws_eks_cluster", "main", fx.block(1, 10, {"name": "main", "encryption_config": fx.unknown}, {"name": 2, "encryption_config": [4, 9]}))
	count(eks.deny) == 0 with input as unknown_block
}
