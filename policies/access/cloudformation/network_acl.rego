package tollgate.access.cloudformation.network_acl

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation network ACL allows administration ports from the internet
# description: |
#   An AWS::EC2::NetworkAclEntry that is an ingress entry (Egress false, the default) with
#   RuleAction allow lets CidrBlock 0.0.0.0/0 or Ipv6CidrBlock ::/0 reach a port of the
#   admin_ports parameter (SSH 22 and RDP 3389 by default), over TCP, UDP or all protocols
#   (Protocol -1). The subnet then leaves remote administration open to the internet, only
#   security groups remaining in the way. Entries of other resources (a deny with a lower
#   RuleNumber) cannot be seen from the entry; values the template does not decide are not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-networkaclentry.html
# - https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
# custom:
#   id: TG-CFN-139
#   severity: high
#   category: access
#   provider: aws
#   remediation: Allow SSH and RDP only from known address ranges (or not at all, using SSM Session Manager), and put an explicit deny for 0.0.0.0/0 on those ports before broader allow entries.
#   frameworks:
#     cis-aws-2.0: ["5.1"]
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "AWS::EC2::NetworkAclEntry"
	e := entry
	e.direction == "ingress"
	exposed := sort([port | some port in lib.param("admin_ports"); is_number(port); covers(e, port)])
	count(exposed) > 0
	msg := sprintf("network ACL entry %q allows ingress to administration port%s %s from %s", [input.name, plural(exposed), concat(", ", [sprintf("%d", [port]) | some port in exposed]), e.cidr])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

# METADATA
# title: CloudFormation network ACL allows every port to or from the internet
# description: |
#   An AWS::EC2::NetworkAclEntry with RuleAction allow lets CidrBlock 0.0.0.0/0 or
#   Ipv6CidrBlock ::/0 use all protocols (Protocol -1), or every TCP or UDP port (a PortRange
#   from 0 or 1 to 65535): the subnet's ACL filters nothing for that direction, and only
#   security groups stand between the internet and the instances (ingress), or between them
#   and any destination data could be sent to (egress). Entries limited to narrower address
#   ranges are not reported; values the template does not decide are not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-networkaclentry.html
# - https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
# custom:
#   id: TG-CFN-140
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Allow only the protocols and port ranges the subnet serves (443, ephemeral ports for return traffic), and reach everything else through narrower address ranges.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1", "1.3.2"]
deny contains finding if {
	input.type == "AWS::EC2::NetworkAclEntry"
	e := entry
	e.from <= 1
	e.to >= 65535
	msg := sprintf("network ACL entry %q allows %s on every port %s %s", [input.name, e.direction, preposition[e.direction], e.cidr])
	finding := lib.finding(rego.metadata.rule(), e.location, msg)
}

preposition := {"ingress": "from", "egress": "to"}

plural(ports) := "s" if count(ports) > 1

else := ""

# entry is the document's allow entry open to the internet, with its port span:
# {direction, cidr, from, to, location}; undefined otherwise.
entry := {
	"direction": direction(p),
	"cidr": cidr,
	"from": span[0],
	"to": span[1],
	"location": lib.attr_loc(p, key),
} if {
	p := input.resource.Properties
	is_string(p.RuleAction)
	lower(p.RuleAction) == "allow"
	some key in ["CidrBlock", "Ipv6CidrBlock"]
	cidr := p[key]
	cidr in helpers.open_cidrs
	span := ports(p)
}

direction(p) := "egress" if lib.is_true(p.Egress)

else := "ingress" if lib.is_false(p.Egress)

else := "ingress" if lib.missing(p, "Egress")

# ports(p) is [from, to], the ports the entry covers: every port for all protocols.
ports(p) := [0, 65535] if helpers.number(p.Protocol) == -1

ports(p) := [from, to] if {
	helpers.number(p.Protocol) in {6, 17}
	from := helpers.number(p.PortRange.From)
	to := helpers.number(p.PortRange.To)
}

covers(e, port) if {
	e.from <= port
	port <= e.to
}
