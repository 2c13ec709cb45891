package tollgate.access.aws.eks

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

# METADATA
# title: EKS API endpoint is open to the internet
# description: |
#   The vpc_config of an aws_eks_cluster leaves endpoint_public_access on (its default is
#   true) with public_access_cidrs containing 0.0.0.0/0, or not set (its default is
#   ["0.0.0.0/0"]). The Kubernetes API server, whose flaws and leaked kubeconfigs give
#   cluster-wide control, is reachable from anywhere.
# related_resources:
# - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1
# custom:
#   id: TG-AWS-059
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set endpoint_private_access = true and endpoint_public_access = false, or list the administration networks in public_access_cidrs.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_eks_cluster"
	some vpc in input.resource.vpc_config
	public_endpoint(vpc)
	v := open_to(vpc)
	msg := sprintf("EKS cluster %q exposes its API endpoint to the internet (endpoint_public_access with %s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

public_endpoint(vpc) if lib.is_true(vpc.endpoint_public_access)

public_endpoint(vpc) if lib.missing(vpc, "endpoint_public_access")

open_to(vpc) := {"text": sprintf("public_access_cidrs %s", [concat(", ", cidrs)]), "location": lib.attr_loc(vpc, "public_access_cidrs")} if {
	cidrs := [c | some c in helpers.strings_of(vpc.public_access_cidrs); c in open_cidrs]
	count(cidrs) > 0
} else := {"text": "public_access_cidrs not set, default 0.0.0.0/0", "location": lib.attr_loc(vpc, "endpoint_public_access")} if {
	lib.missing(vpc, "public_access_cidrs")
}

# METADATA
# title: EKS node group allows SSH from anywhere
# description: |
#   The remote_access block of an aws_eks_node_group names an ec2_ssh_key without
#   source_security_group_ids: EKS then opens port 22 of every node to 0.0.0.0/0.
# related_resources:
# - https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_node_group#remote_access
# custom:
#   id: TG-AWS-311
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set source_security_group_ids to the security group of the bastion or administration network, or remove remote_access and reach nodes through SSM Session Manager.
#   frameworks:
#     cis-aws-2.0: ["5.2"]
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_eks_node_group"
	some ra in input.resource.remote_access
	not lib.missing(ra, "ec2_ssh_key")
	lib.missing(ra, "source_security_group_ids")
	msg := sprintf("EKS node group %q opens SSH on its nodes to 0.0.0.0/0 (remote_access has an ec2_ssh_key and no source_security_group_ids)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ra), msg)
}
