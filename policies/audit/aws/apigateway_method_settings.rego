package tollgate.audit.aws.apigateway_method_settings

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: API Gateway stage has no execution logging or detailed metrics
# description: |
#   No aws_api_gateway_method_settings of this aws_api_gateway_stage sets logging_level to
#   "ERROR" or "INFO", or none sets metrics_enabled = true (both are off by default, and
#   off for a stage that no method settings refer to): the stage writes no execution logs
#   (authorizer and integration errors, throttling, the request ids that tie a call to
#   its access log entry) and publishes no per-method request, error and latency metrics,
#   so failed and abusive calls cannot be investigated or alarmed on.
# related_resources:
# - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings#logging_level
# custom:
#   id: TG-AWS-548
#   severity: low
#   category: audit
#   provider: aws
#   remediation: 'Add an aws_api_gateway_method_settings with rest_api_id, stage_name = aws_api_gateway_stage.<name>.stage_name, method_path = "*/*" and settings { logging_level = "INFO" (or "ERROR") metrics_enabled = true }, and give API Gateway its CloudWatch role (aws_api_gateway_account).'
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_api_gateway_stage"
	some problem in problems
	msg := sprintf("API Gateway stage %q %s", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

method_settings := helpers.related("aws_api_gateway_method_settings")

problems contains "writes no execution logs and publishes no detailed metrics (no aws_api_gateway_method_settings refers to it; logging_level is OFF and metrics_enabled false by default)" if {
	not helpers.has_related("aws_api_gateway_method_settings")
}

problems contains "writes no execution logs (no aws_api_gateway_method_settings of the stage sets logging_level to ERROR or INFO)" if {
	count(method_settings) > 0
	not some_settings("logging_level")
}

problems contains "publishes no detailed metrics (no aws_api_gateway_method_settings of the stage sets metrics_enabled = true)" if {
	count(method_settings) > 0
	not some_settings("metrics_enabled")
}

# some_settings(key): the settings block of some method settings of the stage turns key
# on (logging_level ERROR or INFO, metrics_enabled true), or may (unknown).
some_settings(_) if {
	some ms in method_settings
	lib.unknown(ms, "settings")
}

some_settings(key) if {
	some ms in method_settings
	some s in ms.settings
	on(s, key)
}

on(s, key) if lib.unknown(s, key)

on(s, "logging_level") if s.logging_level in {"ERROR", "INFO"}

on(s, "metrics_enabled") if lib.is_true(s.metrics_enabled)
