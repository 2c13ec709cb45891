package tollgate.access.cloudformation.eks

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation EKS API endpoint is open to the internet
# description: |
#   The ResourcesVpcConfig of an AWS::EKS::Cluster leaves EndpointPublicAccess on (its
#   default is true) with PublicAccessCidrs containing 0.0.0.0/0, or not set (its default
#   is 0.0.0.0/0). The Kubernetes API server, whose flaws and leaked kubeconfigs give
#   cluster-wide control, is reachable from anywhere. PublicAccessCidrs whose items the
#   template does not decide are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-cluster-resourcesvpcconfig.html
# - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: TG-CFN-018
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set EndpointPrivateAccess to true and EndpointPublicAccess to false, or list the administration networks in PublicAccessCidrs.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "AWS::EKS::Cluster"
	vpc := input.resource.Properties.ResourcesVpcConfig
	public_endpoint(vpc)
	v := open_to(vpc)
	msg := sprintf("EKS cluster %q exposes its API endpoint to the internet (EndpointPublicAccess with %s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

public_endpoint(vpc) if lib.is_true(vpc.EndpointPublicAccess)

public_endpoint(vpc) if lib.missing(vpc, "EndpointPublicAccess")

open_to(vpc) := {"text": sprintf("PublicAccessCidrs %s", [concat(", ", cidrs)]), "location": lib.attr_loc(vpc, "PublicAccessCidrs")} if {
	cidrs := [c | some c in helpers.strings_of(vpc.PublicAccessCidrs); c in helpers.open_cidrs]
	count(cidrs) > 0
} else := {"text": "PublicAccessCidrs not set, default 0.0.0.0/0", "location": lib.attr_loc(vpc, "EndpointPublicAccess")} if {
	lib.missing(vpc, "PublicAccessCidrs")
}
