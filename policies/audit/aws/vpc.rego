package tollgate.audit.aws.vpc

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: VPC has no flow log
# description: |
#   No aws_flow_log refers to the aws_vpc (through vpc_id): the VPC's accepted and
#   rejected connections are not recorded, so scanning, lateral movement and data
#   exfiltration leave no network trace to investigate.
# related_resources:
# - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6
# custom:
#   id: TG-AWS-173
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add an aws_flow_log with vpc_id = aws_vpc.<name>.id, traffic_type = "ALL" (or at least "REJECT") and a CloudWatch Logs or S3 destination.
#   frameworks:
#     cis-aws-2.0: ["3.9"]
#     nist-800-53: ["AU-12", "SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_vpc"
	not helpers.has_related("aws_flow_log")
	msg := sprintf("VPC %q has no flow log (no aws_flow_log refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
