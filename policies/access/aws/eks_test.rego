package tollgate.access.aws.eks_test

import data.tollgate.access.aws.eks
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_eks_cluster" "main" {            # line 1
#   name     = "main"                            # line 2
#   role_arn = aws_iam_role.eks.arn              # line 3 (unknown)
#   vpc_config {                                 # line 4
#     subnet_ids              = var.subnets      # line 5 (unknown)
#     endpoint_public_access  = PUBLIC           # line 6
#     public_access_cidrs     = CIDRS            # line 7
#   }                                            # line 8
# }                                              # line 9
cluster(vpc) := fx.doc("aws_eks_cluster", "main", fx.block(
	1, 9, {
		"name": "main",
		"role_arn": fx.unknown,
		"vpc_config": [fx.block(4, 8, object.union({"subnet_ids": fx.unknown}, vpc), {"subnet_ids": 5, "endpoint_public_access": 6, "public_access_cidrs": 7})],
	},
	{"name": 2, "role_arn": 3},
))

test_tg_aws_059_violation if {
	findings := eks.deny with input as cluster({"endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/0"]})
	fx.found(findings, "TG-AWS-059", fx.at(7), `EKS cluster "main" exposes its API endpoint to the internet (endpoint_public_access with public_access_cidrs 0.0.0.0/0)`)
	count(findings) == 1
}

test_tg_aws_059_compliant if {
	count(eks.deny) == 0 with input as cluster({"endpoint_public_access": false})
	count(eks.deny) == 0 with input as cluster({"public_access_cidrs": ["203.0.113.0/24"]})
}

test_tg_aws_059_defaults_fire if {
	fx.found(eks.deny, "TG-AWS-059", fx.span(4, 8), `EKS cluster "main" exposes its API endpoint to the internet (endpoint_public_access with public_access_cidrs not set, default 0.0.0.0/0)`) with input as cluster({})
}

test_tg_aws_059_unknown_does_not_fire if {
	count(eks.deny) == 0 with input as cluster({"public_access_cidrs": fx.unknown})
	count(eks.deny) == 0 with input as cluster({"endpoint_public_access": fx.unknown})
}

# resource "aws_eks_node_group" "workers" {   # line 1
#   cluster_name = "main"                     # line 2
#   remote_access {                           # line 3
#     ec2_ssh_key               = KEY         # line 4
#     source_security_group_ids = SGS         # line 5
#   }                                         # line 6
# }                                           # line 7
node_group(access) := fx.doc("aws_eks_node_group", "workers", fx.block(1, 7, {
	"cluster_name": "main",
	"remote_access": [fx.block(3, 6, access, {"ec2_ssh_key": 4, "source_security_group_ids": 5})],
}, {"cluster_name": 2}))

test_tg_aws_311_violation if {
	findings := eks.deny with input as node_group({"ec2_ssh_key": "ops"})
	fx.found(findings, "TG-AWS-311", fx.span(3, 6), `EKS node group "workers" opens SSH on its nodes to 0.0.0.0/0 (remote_access has an ec2_ssh_key and no source_security_group_ids)`)
	count(findings) == 1
}

test_tg_aws_311_compliant if {
	count(eks.deny) == 0 with input as node_group({"ec2_ssh_key": "ops", "source_security_group_ids": ["sg-1"]})
	count(eks.deny) == 0 with input as node_group({"ec2_ssh_key": "ops", "source_security_group_ids": fx.unknown})
	count(eks.deny) == 0 with input as fx.doc("aws_eks_node_group", "workers", fx.block(1, 7, {"cluster_name": "main"}, {"cluster_name": 2}))
}
