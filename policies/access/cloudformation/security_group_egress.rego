package tollgate.access.cloudformation.security_group_egress

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation security group allows egress to the whole internet
# description: |
#   An egress rule (a SecurityGroupEgress entry of an AWS::EC2::SecurityGroup, or an
#   AWS::EC2::SecurityGroupEgress) allows CidrIp 0.0.0.0/0 or CidrIpv6 ::/0: instances in the
#   group can open connections to any address, which is how malware fetches its payload and
#   how stolen data leaves. A group without SecurityGroupEgress keeps the default allow-all
#   egress rule, which is not reported here. Values the template does not decide are not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-securitygroup-egress.html
# - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: TG-CFN-142
#   severity: low
#   category: access
#   provider: aws
#   remediation: Limit egress to the destinations the workload needs (VPC endpoints, prefix lists, specific CIDR ranges and ports), and route the rest through a proxy or NAT with filtering.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.2"]
deny contains finding if {
	input.type in {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupEgress"}
	some r in rules
	some key in ["CidrIp", "CidrIpv6"]
	cidr := r[key]
	cidr in helpers.open_cidrs
	msg := sprintf("security group %q allows egress to %s (%s)", [input.name, cidr, ports(r)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}

rules contains r if {
	input.type == "AWS::EC2::SecurityGroup"
	some r in input.resource.Properties.SecurityGroupEgress
	is_object(r)
}

rules contains input.resource.Properties if input.type == "AWS::EC2::SecurityGroupEgress"

ports(r) := "all protocols" if helpers.number(r.IpProtocol) == -1

else := "all protocols" if r.IpProtocol == "-1"

else := sprintf("%v ports %v-%v", [r.IpProtocol, r.FromPort, r.ToPort]) if {
	_ = r.FromPort
	_ = r.ToPort
} else := sprintf("%v", [r.IpProtocol])
