package tollgate.audit.aws.vpc_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.vpc
import rego.v1

# resource "aws_vpc" "main" {      # line 1
#   cidr_block = "10.0.0.0/16"     # line 2
# }                                # line 3
network := fx.doc("aws_vpc", "main", fx.block(1, 3, {"cidr_block": "10.0.0.0/16"}, {"cidr_block": 2}))

# resource "aws_flow_log" "main" {                            # line 5
#   vpc_id          = aws_vpc.main.id                         # line 6 (unknown)
#   traffic_type    = "ALL"                                   # line 7
#   log_destination = aws_cloudwatch_log_group.flow.arn       # line 8 (unknown)
# }                                                           # line 9
flow_log := fx.block(5, 9, {"vpc_id": fx.unknown, "traffic_type": "ALL", "log_destination": fx.unknown}, {"vpc_id": 6, "traffic_type": 7, "log_destination": 8})

test_tg_aws_173_violation if {
	findings := vpc.deny with input as network
	fx.found(findings, "TG-AWS-173", fx.span(1, 3), `VPC "main" has no flow log (no aws_flow_log refers to it)`)
	count(findings) == 1
}

test_tg_aws_173_compliant if {
	count(vpc.deny) == 0 with input as fx.with_related(network, "aws_flow_log", [flow_log])
}

test_tg_aws_173_other_related_types_do_not_count if {
	count(vpc.deny) == 1 with input as fx.with_related(network, "aws_subnet", [flow_log])
}
