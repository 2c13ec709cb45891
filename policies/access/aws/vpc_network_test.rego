package tollgate.access.aws.vpc_network_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.vpc_network
import rego.v1

# resource "aws_network_acl" "app" {   # line 1
#   vpc_id     = aws_vpc.main.id       # line 2
#   subnet_ids = SUBNETS               # line 3
# }                                    # line 4
nacl(attrs) := fx.doc("aws_network_acl", "app", fx.block(1, 4, object.union({"vpc_id": fx.unknown}, attrs), {"vpc_id": 2, "subnet_ids": 3}))

association := fx.block(6, 9, {"network_acl_id": fx.unknown, "subnet_id": fx.unknown}, {"network_acl_id": 7, "subnet_id": 8})

test_tg_aws_551_violation if {
	findings := vpc_network.deny with input as nacl({})
	fx.found(findings, "TG-AWS-551", fx.span(1, 4), `network ACL "app" is attached to no subnet (no subnet_ids, no aws_network_acl_association refers to it): its rules filter nothing`)
	count(findings) == 1
	count(vpc_network.deny) == 1 with input as nacl({"subnet_ids": []})
}

test_tg_aws_551_compliant if {
	count(vpc_network.deny) == 0 with input as nacl({"subnet_ids": ["subnet-1"]})
	count(vpc_network.deny) == 0 with input as nacl({"subnet_ids": fx.unknown})
	count(vpc_network.deny) == 0 with input as fx.with_related(nacl({}), "aws_network_acl_association", [association])
	count(vpc_network.deny) == 0 with input as object.union(nacl({}), {"related_unknown": true})
}

# resource "aws_vpc" "main" {          # line 1
#   cidr_block = "10.0.0.0/16"         # line 2
# }                                    # line 3
vpc := fx.doc("aws_vpc", "main", fx.block(1, 3, {"cidr_block": "10.0.0.0/16"}, {"cidr_block": 2}))

# resource "aws_default_security_group" "main" {   # line 1
#   vpc_id = aws_vpc.main.id                       # line 2
# }                                                # line 3
default_sg := fx.doc("aws_default_security_group", "main", fx.block(1, 3, {"vpc_id": fx.unknown}, {"vpc_id": 2}))

# resource "aws_security_group_rule" "ssh" {                    # line 5
#   type              = "ingress"                               # line 6
#   security_group_id = aws_default_security_group.main.id      # line 7
#   SOURCE                                                      # line 8
# }                                                             # line 9
sg_rule(attrs) := fx.block(5, 9, object.union({"type": "ingress", "security_group_id": fx.unknown}, attrs), {"type": 6, "security_group_id": 7, "cidr_blocks": 8, "source_security_group_id": 8})

test_tg_aws_552_violation if {
	findings := vpc_network.deny with input as vpc
	fx.found(findings, "TG-AWS-552", fx.span(1, 3), `VPC "main" does not declare its default security group (no aws_default_security_group refers to it): AWS's default rules stay, allowing all traffic between members and all egress`)
	count(findings) == 1
	fx.found(vpc_network.deny, "TG-AWS-552", fx.span(5, 9), `default security group "main" is given a rule by an aws_security_group_rule resource: it should allow no traffic`) with input as fx.with_related(default_sg, "aws_security_group_rule", [sg_rule({"cidr_blocks": ["10.0.0.0/8"]})])
}

test_tg_aws_552_compliant if {
	count(vpc_network.deny) == 0 with input as fx.with_related(vpc, "aws_default_security_group", [fx.block(5, 7, {"vpc_id": fx.unknown}, {"vpc_id": 6})])
	count(vpc_network.deny) == 0 with input as object.union(vpc, {"related_unknown": true})
	count(vpc_network.deny) == 0 with input as default_sg
	# a rule of another group that names the default group as its source
	count(vpc_network.deny) == 0 with input as fx.with_related(default_sg, "aws_security_group_rule", [sg_rule({"source_security_group_id": fx.unknown})])
}

# resource "aws_route" "peer" {                                      # line 1
#   route_table_id            = "rtb-1"                              # line 2
#   destination_cidr_block    = DESTINATION                          # line 3
#   vpc_peering_connection_id = PEERING                              # line 4
# }                                                                  # line 5
route(attrs) := fx.doc("aws_route", "peer", fx.block(1, 5, object.union({"route_table_id": "rtb-1"}, attrs), {"route_table_id": 2, "destination_cidr_block": 3, "destination_ipv6_cidr_block": 3, "vpc_peering_connection_id": 4, "gateway_id": 4}))

# resource "aws_route_table" "private" {   # line 1
#   vpc_id = "vpc-1"                       # line 2
#   route {                                # line 3
#     cidr_block = DESTINATION             # line 4
#     PEERING                              # line 5
#   }                                      # line 6
# }                                        # line 7
table(attrs) := fx.doc("aws_route_table", "private", fx.block(1, 7, {"vpc_id": "vpc-1", "route": [fx.block(3, 6, attrs, {"cidr_block": 4, "ipv6_cidr_block": 4, "vpc_peering_connection_id": 5, "nat_gateway_id": 5})]}, {"vpc_id": 2}))

test_tg_aws_553_violation if {
	findings := vpc_network.deny with input as route({"destination_cidr_block": "0.0.0.0/0", "vpc_peering_connection_id": fx.unknown})
	fx.found(findings, "TG-AWS-553", fx.at(3), `route "peer" sends 0.0.0.0/0 to a VPC peering connection`)
	count(findings) == 1
	fx.found(vpc_network.deny, "TG-AWS-553", fx.at(3), `route "peer" sends ::/0 to a VPC peering connection`) with input as route({"destination_ipv6_cidr_block": "::/0", "vpc_peering_connection_id": "pcx-1"})
	fx.found(vpc_network.deny, "TG-AWS-553", fx.at(4), `route table "private" sends 0.0.0.0/0 to a VPC peering connection`) with input as table({"cidr_block": "0.0.0.0/0", "vpc_peering_connection_id": "pcx-1"})
}

test_tg_aws_553_compliant if {
	count(vpc_network.deny) == 0 with input as route({"destination_cidr_block": "10.1.0.0/16", "vpc_peering_connection_id": fx.unknown})
	count(vpc_network.deny) == 0 with input as route({"destination_cidr_block": "0.0.0.0/0", "gateway_id": fx.unknown})
	count(vpc_network.deny) == 0 with input as route({"destination_cidr_block": fx.unknown, "vpc_peering_connection_id": "pcx-1"})
	count(vpc_network.deny) == 0 with input as table({"cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-1"})
	count(vpc_network.deny) == 0 with input as table({"cidr_block": "10.1.0.0/16", "vpc_peering_connection_id": "pcx-1"})
}
