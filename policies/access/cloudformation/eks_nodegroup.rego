package tollgate.access.cloudformation.eks_nodegroup

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation EKS node group opens SSH to the internet
# description: |
#   The RemoteAccess of an AWS::EKS::Nodegroup names an Ec2SshKey without
#   SourceSecurityGroups: EKS then opens port 22 of every node to 0.0.0.0/0, so anyone can
#   attempt SSH logins on the worker nodes. Values the template does not decide are not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-nodegroup-remoteaccess.html
# - https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html
# custom:
#   id: TG-CFN-145
#   severity: high
#   category: access
#   provider: aws
#   remediation: Add RemoteAccess.SourceSecurityGroups limited to a bastion or VPN, or drop RemoteAccess and reach nodes with SSM Session Manager.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "AWS::EKS::Nodegroup"
	ra := input.resource.Properties.RemoteAccess
	is_object(ra)
	_ = ra.Ec2SshKey
	lib.missing(ra, "SourceSecurityGroups")
	msg := sprintf("EKS node group %q opens SSH on its nodes to 0.0.0.0/0 (RemoteAccess.Ec2SshKey without SourceSecurityGroups)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ra), msg)
}
