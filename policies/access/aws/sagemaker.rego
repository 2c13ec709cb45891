package tollgate.access.aws.sagemaker

import data.tollgate.lib
import rego.v1

# METADATA
# title: SageMaker notebook instance has direct internet access
# description: |
#   direct_internet_access is "Enabled", or not set (its default is Enabled), on an
#   aws_sagemaker_notebook_instance. The notebook, which holds data scientists'
#   credentials and training data, reaches and is reachable through a SageMaker-managed
#   network with internet access that bypasses the VPC's egress controls.
# related_resources:
# - https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/sagemaker-controls.html#sagemaker-2
# custom:
#   id: TG-AWS-063
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set direct_internet_access = "Disabled" with a subnet_id and security_groups, and reach the internet (if needed) through the VPC's NAT and egress controls.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_sagemaker_notebook_instance"
	r := input.resource
	problem := direct(r)
	msg := sprintf("SageMaker notebook instance %q has direct internet access (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "direct_internet_access"), msg)
}

direct(r) := "direct_internet_access = \"Enabled\"" if {
	r.direct_internet_access == "Enabled"
} else := "direct_internet_access is not set, default Enabled" if {
	lib.missing(r, "direct_internet_access")
}
