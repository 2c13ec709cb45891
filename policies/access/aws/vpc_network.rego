package tollgate.access.aws.vpc_network

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Network ACL is attached to no subnet
# description: |
#   An aws_network_acl has no subnet_ids and no aws_network_acl_association refers to it:
#   its rules filter nothing. The subnets it was meant for stay on the VPC's default
#   network ACL, which allows all inbound and outbound traffic, while the code suggests
#   they are protected. subnet_ids that are not known statically count as attached.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_acl#subnet_ids
# custom:
#   id: TG-AWS-551
#   severity: low
#   category: access
#   provider: aws
#   remediation: Set subnet_ids on the aws_network_acl (or add an aws_network_acl_association) for the subnets it protects, or remove the unused network ACL.
#   frameworks:
#     nist-800-53: ["SC-7", "CM-6"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_network_acl"
	r := input.resource
	no_subnets(r)
	not helpers.has_related("aws_network_acl_association")
	msg := sprintf("network ACL %q is attached to no subnet (no subnet_ids, no aws_network_acl_association refers to it): its rules filter nothing", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

no_subnets(r) if lib.missing(r, "subnet_ids")

no_subnets(r) if {
	not lib.unknown(r, "subnet_ids")
	r.subnet_ids == []
}

# METADATA
# title: VPC default security group does not restrict all traffic
# description: |
#   The default security group of a VPC keeps rules. Either the aws_vpc has no
#   aws_default_security_group referring to it, so the group keeps the rules AWS gives it
#   (all traffic from its own members, all egress), or an aws_security_group_rule,
#   aws_vpc_security_group_ingress_rule or aws_vpc_security_group_egress_rule adds a rule
#   to the declared aws_default_security_group. Any resource launched without an explicit
#   security group lands in the default group and is opened by those rules unnoticed. Rules
#   declared inline in aws_default_security_group are reported by TG-AWS-048; a rule
#   resource that refers to the default group as its source (source_security_group_id,
#   referenced_security_group_id) is not reported.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group
# custom:
#   id: TG-AWS-552
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Declare an aws_default_security_group with vpc_id = aws_vpc.<name>.id and no ingress or egress blocks (and no rule resources attached to it), so that it allows nothing; give every resource a purpose-built security group.
#   frameworks:
#     cis-aws-2.0: ["5.4"]
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"aws_vpc", "aws_default_security_group"}
	some v in default_group_open
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

default_group_open contains v if {
	input.type == "aws_vpc"
	not helpers.has_related("aws_default_security_group")
	v := {
		"location": lib.loc(input.resource),
		"message": sprintf("VPC %q does not declare its default security group (no aws_default_security_group refers to it): AWS's default rules stay, allowing all traffic between members and all egress", [input.name]),
	}
}

# The rule resources and the attribute through which they could name the default group
# as their source instead of as the group they add a rule to.
rule_sources := {
	"aws_security_group_rule": "source_security_group_id",
	"aws_vpc_security_group_ingress_rule": "referenced_security_group_id",
	"aws_vpc_security_group_egress_rule": "referenced_security_group_id",
}

default_group_open contains v if {
	input.type == "aws_default_security_group"
	some type, source in rule_sources
	some rule in helpers.related(type)
	not lib.unknown(rule, source)
	v := {
		"location": lib.loc(rule),
		"message": sprintf("default security group %q is given a rule by an %s resource: it should allow no traffic", [input.name, type]),
	}
}

# METADATA
# title: Route sends all traffic to a VPC peering connection
# description: |
#   A route of an aws_route, aws_route_table or aws_default_route_table sends 0.0.0.0/0 or
#   ::/0 to a VPC peering connection: every destination not matched by a narrower route,
#   including the internet, is handed to the peered VPC, which then reaches and is reached
#   by all of the subnet's addresses instead of the few ranges the peering exists for. A
#   vpc_peering_connection_id that is written but not known statically (a reference to the
#   aws_vpc_peering_connection) counts as a peering route.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html
# - https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html
# custom:
#   id: TG-AWS-553
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Route only the peer VPC's CIDR blocks (or the subnets that must talk to each other) to the peering connection, never 0.0.0.0/0 or ::/0.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"aws_route", "aws_route_table", "aws_default_route_table"}
	some route in routes
	peering(route.obj)
	some key in route.keys
	route.obj[key] in {"0.0.0.0/0", "::/0"}
	msg := sprintf("%s %q sends %s to a VPC peering connection", [route_kinds[input.type], input.name, route.obj[key]])
	finding := lib.finding(rego.metadata.rule(), route.location[key], msg)
}

route_kinds := {
	"aws_route": "route",
	"aws_route_table": "route table",
	"aws_default_route_table": "default route table",
}

routes contains {"obj": r, "keys": ["destination_cidr_block", "destination_ipv6_cidr_block"], "location": {k: lib.attr_loc(r, k) | some k in ["destination_cidr_block", "destination_ipv6_cidr_block"]}} if {
	input.type == "aws_route"
	r := input.resource
}

routes contains {"obj": r, "keys": ["cidr_block", "ipv6_cidr_block"], "location": {k: route_loc(r, k) | some k in ["cidr_block", "ipv6_cidr_block"]}} if {
	input.type in {"aws_route_table", "aws_default_route_table"}
	some r in input.resource.route
	is_object(r)
}

# A route written as an attribute value (route = [{...}]) may carry no position of its own.
route_loc(r, key) := lib.attr_loc(r, key) if r.__loc

else := lib.attr_loc(input.resource, "route")

peering(r) if {
	is_string(r.vpc_peering_connection_id)
	r.vpc_peering_connection_id != ""
}

peering(r) if lib.unknown(r, "vpc_peering_connection_id")
