package tollgate.access.aws.lambda_url_cors

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Lambda function URL allows any origin to call any method
# description: |
#   The cors block of an aws_lambda_function_url has "*" in both allow_origins and
#   allow_methods: scripts on any website a user visits can send any request to the
#   function from the user's browser and read the answers, which turns the function into
#   a cross-site request target for whatever it exposes.
# related_resources:
# - https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url#cors
# custom:
#   id: TG-AWS-570
#   severity: low
#   category: access
#   provider: aws
#   remediation: List the web origins that call the function in allow_origins and the methods they use in allow_methods.
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "aws_lambda_function_url"
	some cors in input.resource.cors
	"*" in helpers.strings_of(cors.allow_origins)
	"*" in helpers.strings_of(cors.allow_methods)
	msg := sprintf("Lambda function URL %q lets any origin call it with any method (cors allow_origins and allow_methods are \"*\")", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cors, "allow_origins"), msg)
}
