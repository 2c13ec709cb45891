package tollgate.access.aws.default_vpc

import data.tollgate.lib
import rego.v1

# METADATA
# title: Configuration manages the default VPC
# description: |
#   An aws_default_vpc adopts the region's default VPC into the configuration, a sign that
#   workloads run in it. The default VPC is built for convenience: every subnet is public,
#   gives instances a public IP address at launch and routes to an internet gateway, and
#   its default security group and network ACL allow traffic between everything in it.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_vpc
# custom:
#   id: TG-AWS-252
#   severity: low
#   category: access
#   provider: aws
#   remediation: Run workloads in a VPC of their own (aws_vpc) with private subnets, and delete the default VPC (with force_destroy = true, terraform destroy deletes it instead of only forgetting it).
#   frameworks:
#     nist-800-53: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_default_vpc"
	r := input.resource
	msg := sprintf("configuration manages the default VPC (aws_default_vpc %q)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
