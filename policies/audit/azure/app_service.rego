package tollgate.audit.azure.app_service

import data.tollgate.lib
import rego.v1

web_kinds := {
	"azurerm_app_service": "app service",
	"azurerm_linux_web_app": "web app",
	"azurerm_windows_web_app": "web app",
}

# The logs setting names of the legacy azurerm_app_service and of the v3+ web apps.
detailed_errors_key := {
	"azurerm_app_service": "detailed_error_messages_enabled",
	"azurerm_linux_web_app": "detailed_error_messages",
	"azurerm_windows_web_app": "detailed_error_messages",
}

failed_requests_key := {
	"azurerm_app_service": "failed_request_tracing_enabled",
	"azurerm_linux_web_app": "failed_request_tracing",
	"azurerm_windows_web_app": "failed_request_tracing",
}

# METADATA
# title: Web app does not keep HTTP logs
# description: |
#   An azurerm_app_service, azurerm_linux_web_app or azurerm_windows_web_app has no logs
#   block, or one without http_logs: the web server's request log (client addresses,
#   URLs, status codes) is not written to the file system or to a storage account, so
#   probing, abuse and the requests of an intrusion cannot be reconstructed.
# related_resources:
# - https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs#enable-web-server-logging
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#http_logs
# custom:
#   id: TG-AZ-175
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add logs { http_logs { file_system { retention_in_days = 30, retention_in_mb = 35 } } } (or azure_blob_storage), or send AppServiceHTTPLogs to Log Analytics with a diagnostic setting.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app"}
	r := input.resource
	not lib.unknown(r, "logs")
	v := no_http_logs(r)
	msg := sprintf("%s %q does not keep HTTP logs (%s)", [web_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

no_http_logs(r) := {"location": lib.loc(r), "problem": "no logs block"} if {
	count(object.get(r, "logs", [])) == 0
}

no_http_logs(r) := {"location": lib.loc(logs), "problem": "logs has no http_logs"} if {
	some logs in r.logs
	not lib.unknown(logs, "http_logs")
	count(object.get(logs, "http_logs", [])) == 0
}

# METADATA
# title: Web app does not keep detailed error messages
# description: |
#   The logs block of an azurerm_app_service (detailed_error_messages_enabled) or
#   azurerm_linux_web_app / azurerm_windows_web_app (detailed_error_messages) does not turn
#   detailed error logging on, or the app has no logs block (the default is off): the error
#   pages the server generates for failed requests (HTTP 400 and above) are not kept for
#   investigating attacks and failures.
# related_resources:
# - https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs#log-detailed-errors
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#detailed_error_messages
# custom:
#   id: TG-AZ-176
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Set detailed_error_messages = true (detailed_error_messages_enabled on azurerm_app_service) in the logs block.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app"}
	v := logs_flag_off(input.resource, detailed_errors_key[input.type])
	msg := sprintf("%s %q does not keep detailed error messages (%s)", [web_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# METADATA
# title: Web app does not trace failed requests
# description: |
#   The logs block of an azurerm_app_service (failed_request_tracing_enabled) or
#   azurerm_linux_web_app / azurerm_windows_web_app (failed_request_tracing) does not turn
#   failed request tracing on, or the app has no logs block (the default is off): the
#   step-by-step trace of requests that failed, with the modules that handled them, is not
#   kept for investigating attacks and failures.
# related_resources:
# - https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs#log-detailed-errors
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#failed_request_tracing
# custom:
#   id: TG-AZ-177
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Set failed_request_tracing = true (failed_request_tracing_enabled on azurerm_app_service) in the logs block.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app"}
	v := logs_flag_off(input.resource, failed_requests_key[input.type])
	msg := sprintf("%s %q does not trace failed requests (%s)", [web_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

logs_flag_off(r, _) := {"location": lib.loc(r), "problem": "no logs block"} if {
	not lib.unknown(r, "logs")
	count(object.get(r, "logs", [])) == 0
}

logs_flag_off(r, key) := {"location": lib.loc(logs), "problem": sprintf("logs %s unset", [key])} if {
	some logs in r.logs
	lib.missing(logs, key)
}

logs_flag_off(r, key) := {"location": lib.attr_loc(logs, key), "problem": sprintf("logs %s = false", [key])} if {
	some logs in r.logs
	lib.is_false(logs[key])
}

function_logging_key := {
	"azurerm_function_app": "enable_builtin_logging",
	"azurerm_function_app_slot": "enable_builtin_logging",
	"azurerm_linux_function_app": "builtin_logging_enabled",
	"azurerm_linux_function_app_slot": "builtin_logging_enabled",
	"azurerm_windows_function_app": "builtin_logging_enabled",
	"azurerm_windows_function_app_slot": "builtin_logging_enabled",
}

# METADATA
# title: Function app has built-in logging turned off
# description: |
#   enable_builtin_logging = false on an azurerm_function_app (builtin_logging_enabled =
#   false on azurerm_linux_function_app and azurerm_windows_function_app, and their slots):
#   the Functions host stops writing function execution logs to the app's storage account,
#   so invocations and their errors leave no record there. Unset, it is true.
# related_resources:
# - https://learn.microsoft.com/azure/azure-functions/functions-monitoring
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_function_app#builtin_logging_enabled
# custom:
#   id: TG-AZ-178
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Remove builtin_logging_enabled = false (enable_builtin_logging on azurerm_function_app), or send the logs to Application Insights.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {
		"azurerm_function_app",
		"azurerm_function_app_slot",
		"azurerm_linux_function_app",
		"azurerm_linux_function_app_slot",
		"azurerm_windows_function_app",
		"azurerm_windows_function_app_slot",
	}
	key := function_logging_key[input.type]
	r := input.resource
	lib.is_false(r[key])
	msg := sprintf("function app %q has built-in logging turned off (%s = false)", [input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}
