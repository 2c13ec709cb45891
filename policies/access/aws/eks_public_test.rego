package tollgate.access.aws.eks_public_test

import data.tollgate.access.aws.eks_public
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_eks_cluster" "main" {            # line 1
#   name     = "main"                            # line 2
#   vpc_config {                                 # line 3
#     subnet_ids              = var.subnets      # line 4 (unknown)
#     endpoint_public_access  = PUBLIC           # line 5
#     public_access_cidrs     = CIDRS            # line 6
#   }                                            # line 7
# }                                              # line 8
cluster(vpc) := fx.doc("aws_eks_cluster", "main", fx.block(
	1, 8, {
		"name": "main",
		"vpc_config": [fx.block(3, 7, object.union({"subnet_ids": fx.unknown}, vpc), {"subnet_ids": 4, "endpoint_public_access": 5, "public_access_cidrs": 6})],
	},
	{"name": 2},
))

test_tg_aws_216_violation if {
	findings := eks_public.deny with input as cluster({"public_access_cidrs": ["203.0.113.0/24"]})
	fx.found(findings, "TG-AWS-216", fx.span(3, 7), `EKS cluster "main" has a public API endpoint (endpoint_public_access is not set, default true)`)
	count(findings) == 1
	fx.found(eks_public.deny, "TG-AWS-216", fx.at(5), `EKS cluster "main" has a public API endpoint (endpoint_public_access = true)`) with input as cluster({"endpoint_public_access": true, "public_access_cidrs": fx.unknown})
}

test_tg_aws_216_compliant if {
	count(eks_public.deny) == 0 with input as cluster({"endpoint_public_access": false})
	count(eks_public.deny) == 0 with input as cluster({"endpoint_public_access": fx.unknown, "public_access_cidrs": ["203.0.113.0/24"]})
	# open to everyone: TG-AWS-059 reports it
	count(eks_public.deny) == 0 with input as cluster({})
	count(eks_public.deny) == 0 with input as cluster({"public_access_cidrs": ["0.0.0.0/0"]})
}
