package tollgate.access.cloudformation.redshift

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Redshift cluster is publicly accessible
# description: |
#   PubliclyAccessible is true on an AWS::Redshift::Cluster: the data warehouse gets a
#   public address, and only its security groups stand between the internet and its
#   login, so a single permissive rule exposes every table to brute force.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html#cfn-redshift-cluster-publiclyaccessible
# - https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1
# custom:
#   id: TG-CFN-017
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set PubliclyAccessible to false, keep the cluster in private subnets, and reach it through the application tier, a VPN or a Redshift-managed VPC endpoint.
#   frameworks:
#     nist-800-53: ["AC-3", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.4.4"]
deny contains finding if {
	input.type == "AWS::Redshift::Cluster"
	p := input.resource.Properties
	lib.is_true(p.PubliclyAccessible)
	msg := sprintf("Redshift cluster %q is publicly accessible (PubliclyAccessible: true)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "PubliclyAccessible"), msg)
}
