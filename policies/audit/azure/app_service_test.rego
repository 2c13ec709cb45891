package tollgate.audit.azure.app_service_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.app_service
import rego.v1

path := "app/main.tf"

# resource "azurerm_linux_web_app" "web" {     # line 1
#   name = "web"                              # line 2
#   logs {                                    # line 3
#     detailed_error_messages = ERRORS        # line 4
#     failed_request_tracing  = TRACING       # line 5
#     http_logs { ... }                       # line 6-8
#   }                                         # line 9
# }                                           # line 10
http_logs := [fx.block(path, 6, 8, {"file_system": [fx.block(path, 7, 7, {"retention_in_days": 30}, {"retention_in_days": 7})]}, {})]

logs(fields) := [fx.block(path, 3, 9, fields, {"detailed_error_messages": 4, "failed_request_tracing": 5, "detailed_error_messages_enabled": 4, "failed_request_tracing_enabled": 5})]

app(type, body_fields) := fx.resource(type, "web", fx.block(path, 1, 10, object.union({"name": "web"}, body_fields), {"name": 2}))

full_logs := logs({"detailed_error_messages": true, "failed_request_tracing": true, "http_logs": http_logs})

test_tg_az_175_violation if {
	findings := app_service.deny with input as app("azurerm_linux_web_app", {})
	some f in findings
	f.rule_id == "TG-AZ-175"
	f.location == fx.span(path, 1, 10)
	f.message == `web app "web" does not keep HTTP logs (no logs block)`
	some g in app_service.deny with input as app("azurerm_windows_web_app", {"logs": logs({"detailed_error_messages": true})})
	g.rule_id == "TG-AZ-175"
	g.location == fx.span(path, 3, 9)
}

test_tg_az_175_compliant if {
	count(fx.ids(app_service.deny, "TG-AZ-175")) == 0 with input as app("azurerm_linux_web_app", {"logs": full_logs})
}

test_tg_az_176_violation if {
	findings := app_service.deny with input as app("azurerm_linux_web_app", {"logs": logs({"detailed_error_messages": false, "http_logs": http_logs})})
	some f in findings
	f.rule_id == "TG-AZ-176"
	f.location == fx.loc(path, 4)
	f.message == `web app "web" does not keep detailed error messages (logs detailed_error_messages = false)`
	some g in findings
	g.rule_id == "TG-AZ-177"
	g.location == fx.span(path, 3, 9)
	g.message == `web app "web" does not trace failed requests (logs failed_request_tracing unset)`
	legacy := app_service.deny with input as app("azurerm_app_service", {})
	count(fx.ids(legacy, "TG-AZ-176")) == 1
	count(fx.ids(legacy, "TG-AZ-177")) == 1
}

test_tg_az_176_compliant if {
	findings := app_service.deny with input as app("azurerm_linux_web_app", {"logs": full_logs})
	count(fx.ids(findings, "TG-AZ-176")) == 0
	count(fx.ids(findings, "TG-AZ-177")) == 0
	legacy := app_service.deny with input as app("azurerm_app_service", {"logs": logs({"detailed_error_messages_enabled": true, "failed_request_tracing_enabled": true, "http_logs": http_logs})})
	count(fx.ids(legacy, "TG-AZ-176")) == 0
	count(fx.ids(legacy, "TG-AZ-177")) == 0
}

test_tg_az_178_violation if {
	doc := fx.resource("azurerm_linux_function_app", "fn", fx.block(path, 1, 4, {"name": "fn", "builtin_logging_enabled": false}, {"name": 2, "builtin_logging_enabled": 3}))
	findings := app_service.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-178"
	f.location == fx.loc(path, 3)
	f.message == `function app "fn" has built-in logging turned off (builtin_logging_enabled = false)`
}

test_tg_az_178_compliant if {
	unset := fx.resource("azurerm_function_app", "fn", fx.block(path, 1, 4, {"name": "fn"}, {"name": 2}))
	count(fx.ids(app_service.deny, "TG-AZ-178")) == 0 with input as unset
	on := fx.resource("azurerm_function_app", "fn", fx.block(path, 1, 4, {"name": "fn", "enable_builtin_logging": true}, {"name": 2, "enable_builtin_logging": 3}))
	count(fx.ids(app_service.deny, "TG-AZ-178")) == 0 with input as on
}

test_tg_az_177_violation if {
	findings := app_service.deny with input as app("azurerm_windows_web_app", {"logs": logs({"failed_request_tracing": false, "http_logs": http_logs})})
	some f in findings
	f.rule_id == "TG-AZ-177"
	f.location == fx.loc(path, 5)
	f.message == `web app "web" does not trace failed requests (logs failed_request_tracing = false)`
}

test_tg_az_177_compliant if {
	count(fx.ids(app_service.deny, "TG-AZ-177")) == 0 with input as app("azurerm_windows_web_app", {"logs": full_logs})
}
