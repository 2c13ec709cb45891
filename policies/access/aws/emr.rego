package tollgate.access.aws.emr

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

# METADATA
# title: EMR cluster security group is open to the internet
# description: |
#   An aws_security_group used by an aws_emr_cluster (its ec2_attributes name the group)
#   has an inline ingress rule from 0.0.0.0/0 or ::/0: the cluster's nodes, whose web
#   interfaces and Hadoop services have little authentication of their own, can be reached
#   from anywhere on the ports the rule opens.
# related_resources:
# - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-security-groups.html
# - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html
# custom:
#   id: TG-AWS-482
#   severity: high
#   category: access
#   provider: aws
#   remediation: Restrict the group's ingress to the VPC's or the administrators' address ranges, or to other security groups; reach the cluster's interfaces through a bastion, VPN or SSM port forwarding.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_security_group"
	helpers.has_related("aws_emr_cluster")
	some rule in object.get(input.resource, "ingress", [])
	some key in ["cidr_blocks", "ipv6_cidr_blocks"]
	some cidr in object.get(rule, key, [])
	cidr in open_cidrs
	msg := sprintf("Security group %q of an EMR cluster allows ingress from %s (ports %v-%v)", [input.name, cidr, object.get(rule, "from_port", "?"), object.get(rule, "to_port", "?")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(rule, key), msg)
}
