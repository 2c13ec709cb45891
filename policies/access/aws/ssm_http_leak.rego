package tollgate.access.aws.ssm_http_leak

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: SSM parameter is sent out by a data "http" request
# description: |
#   A data "http" block refers to an aws_ssm_parameter (in its url, request headers or
#   body): every terraform plan makes an HTTP request carrying the parameter's value, or
#   its name and ARN, to whatever server the block names. A module or a pull request can
#   exfiltrate a SecureString this way without any AWS permission of its own, since
#   Terraform reads the value with the credentials of whoever runs it. Reported on the
#   parameter, at the data block.
# related_resources:
# - https://registry.terraform.io/providers/hashicorp/http/latest/docs/data-sources/http
# - https://sprocketfox.io/xssfox/2022/02/09/terraformsupply/
# custom:
#   id: TG-AWS-557
#   severity: high
#   category: access
#   provider: aws
#   remediation: Remove the data "http" block, or make it refer to nothing secret; pass secrets to other systems through their own providers or a secrets manager, never through URLs Terraform calls.
#   frameworks:
#     nist-800-53: ["SC-28", "AC-4"]
#     soc2: ["CC6.1", "CC6.7"]
deny contains finding if {
	input.type == "aws_ssm_parameter"
	some request in helpers.related("data.http")
	msg := sprintf("SSM parameter %q%s is referred to by a data \"http\" block: Terraform sends it in an HTTP request at every plan", [input.name, type_text(input.resource)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(request), msg)
}

type_text(r) := sprintf(" (a %s)", [r.type]) if is_string(r.type)

else := ""
