package tollgate.access.aws.emr_test

import data.tollgate.access.aws.emr
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_security_group" "master" {   # line 1
#   name = "emr-master"                       # line 2
#   ingress {                                 # line 3
#     from_port   = 8443                      # line 4
#     to_port     = 8443                      # line 5
#     protocol    = "tcp"                     # line 6
#     cidr_blocks = CIDRS                     # line 7
#   }                                         # line 8
# }                                           # line 9
sg(cidrs) := fx.doc("aws_security_group", "master", fx.block(1, 9, {"name": "emr-master", "ingress": [fx.block(3, 8, {"from_port": 8443, "to_port": 8443, "protocol": "tcp", "cidr_blocks": cidrs}, {"from_port": 4, "to_port": 5, "protocol": 6, "cidr_blocks": 7})]}, {"name": 2}))

cluster := fx.block(11, 20, {"name": "etl"}, {})

test_tg_aws_482_violation if {
	findings := emr.deny with input as fx.with_related(sg(["10.0.0.0/8", "0.0.0.0/0"]), "aws_emr_cluster", [cluster])
	fx.found(findings, "TG-AWS-482", fx.at(7), `Security group "master" of an EMR cluster allows ingress from 0.0.0.0/0 (ports 8443-8443)`)
	count(findings) == 1
}

test_tg_aws_482_compliant if {
	count(emr.deny) == 0 with input as fx.with_related(sg(["10.0.0.0/8"]), "aws_emr_cluster", [cluster])
	count(emr.deny) == 0 with input as sg(["0.0.0.0/0"])
	count(emr.deny) == 0 with input as fx.with_related(sg(fx.unknown), "aws_emr_cluster", [cluster])
}
