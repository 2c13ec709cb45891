package tollgate.access.cloudformation.eks_public

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation EKS API endpoint is public
# description: |
#   The ResourcesVpcConfig of an AWS::EKS::Cluster sets EndpointPublicAccess to true or
#   leaves it out (its default is true): the Kubernetes API server has an endpoint on the
#   internet. PublicAccessCidrs narrows who can reach it, but the endpoint, its TLS stack and
#   its authentication stay exposed to whoever is allowed; an endpoint open to 0.0.0.0/0 is
#   also reported by TG-CFN-018. A value the template does not decide is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-cluster-resourcesvpcconfig.html
# - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: TG-CFN-103
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set EndpointPublicAccess to false and EndpointPrivateAccess to true, and reach the API from the VPC (bastion, VPN, Direct Connect).
#   frameworks:
#     nist-800-53: ["AC-3", "SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "AWS::EKS::Cluster"
	vpc := input.resource.Properties.ResourcesVpcConfig
	is_object(vpc)
	problem := public(vpc)
	msg := sprintf("EKS cluster %q has a public API endpoint (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(vpc, "EndpointPublicAccess"), msg)
}

public(vpc) := "EndpointPublicAccess: true" if {
	lib.is_true(vpc.EndpointPublicAccess)
} else := "EndpointPublicAccess is not set, default true" if {
	lib.missing(vpc, "EndpointPublicAccess")
}
