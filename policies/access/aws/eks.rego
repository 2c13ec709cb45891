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
