package tollgate.access.aws.eks_public

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

# METADATA
# title: EKS API endpoint is public
# description: |
#   The vpc_config of an aws_eks_cluster leaves endpoint_public_access on (its default is
#   true) with public_access_cidrs limited to some networks, or not known statically: the
#   Kubernetes API server still has an internet-facing endpoint, reachable from those
#   networks (often whole office or cloud ranges) and exposed to any flaw of the API
#   server. An endpoint open to 0.0.0.0/0 is reported by TG-AWS-059 instead.
# related_resources:
# - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#endpoint_public_access
# custom:
#   id: TG-AWS-216
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set endpoint_private_access = true and endpoint_public_access = false, and reach the API from inside the VPC (VPN, bastion, or a CI runner in the VPC).
#   frameworks:
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_eks_cluster"
	some vpc in input.resource.vpc_config
	public_endpoint(vpc)
	not open_to_all(vpc)
	msg := sprintf("EKS cluster %q has a public API endpoint (%s)", [input.name, why(vpc)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(vpc, "endpoint_public_access"), msg)
}

public_endpoint(vpc) if lib.is_true(vpc.endpoint_public_access)

public_endpoint(vpc) if lib.missing(vpc, "endpoint_public_access")

# TG-AWS-059's finding: the endpoint is open to the whole internet.
open_to_all(vpc) if {
	some c in helpers.strings_of(vpc.public_access_cidrs)
	c in open_cidrs
}

open_to_all(vpc) if lib.missing(vpc, "public_access_cidrs")

why(vpc) := "endpoint_public_access = true" if lib.is_true(vpc.endpoint_public_access)

else := "endpoint_public_access is not set, default true"
