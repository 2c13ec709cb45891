package tollgate.access.azure.app_service_test

import data.tollgate.access.azure.app_service
import data.tollgate.access.azure.fixtures_test as fx
import rego.v1

path := "app/web.tf"

# resource "azurerm_linux_web_app" "portal" {      # line 1
#   name                       = "acme-portal"   # line 2
#   client_certificate_enabled = CERT            # line 3
#   client_cert_enabled        = CERT            # line 3 (azurerm_app_service)
#   auth_settings_v2 {                           # line 4
#     auth_enabled = AUTH                        # line 5
#   }                                            # line 6
# }                                              # line 7
auth_v2(fields) := [fx.block(path, 4, 6, fields, {"auth_enabled": 5})]

auth_v1(fields) := [fx.block(path, 4, 6, fields, {"enabled": 5})]

app(type, fields) := fx.resource(type, "portal", fx.block(path, 1, 7, object.union({"name": "acme-portal"}, fields), {"name": 2, "client_certificate_enabled": 3, "client_cert_enabled": 3}))

compliant := {"client_certificate_enabled": true, "auth_settings_v2": auth_v2({"auth_enabled": true})}

test_compliant_app_has_no_findings if {
	count(app_service.deny) == 0 with input as app("azurerm_linux_web_app", compliant)
}

test_tg_az_099_violation if {
	findings := app_service.deny with input as app("azurerm_linux_web_app", fx.override(compliant, {"auth_settings_v2": auth_v2({"auth_enabled": false})}))
	some f in findings
	f.rule_id == "TG-AZ-099"
	f.location == fx.loc(path, 5)
	f.message == `web app "portal" has App Service authentication disabled (auth_settings_v2 auth_enabled is not true)`
}

test_tg_az_099_unset_fires if {
	findings := app_service.deny with input as app("azurerm_function_app", object.remove(compliant, ["auth_settings_v2"]))
	some f in findings
	f.rule_id == "TG-AZ-099"
	f.location == fx.span(path, 1, 7)
	f.message == `function app "portal" has App Service authentication disabled (no auth_settings or auth_settings_v2)`
}

test_tg_az_099_compliant if {
	v1 := fx.override(object.remove(compliant, ["auth_settings_v2"]), {"auth_settings": auth_v1({"enabled": true})})
	count(fx.ids(app_service.deny, "TG-AZ-099")) == 0 with input as app("azurerm_app_service", v1)
	unknown := fx.unknown(app("azurerm_windows_web_app", compliant).resource, "auth_settings_v2", 4)
	count(fx.ids(app_service.deny, "TG-AZ-099")) == 0 with input as fx.resource("azurerm_windows_web_app", "portal", unknown)
	count(fx.ids(app_service.deny, "TG-AZ-099")) == 0 with input as app("azurerm_linux_function_app", {})
}

test_tg_az_100_violation if {
	findings := app_service.deny with input as app("azurerm_app_service", fx.override(object.remove(compliant, ["client_certificate_enabled"]), {"client_cert_enabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-100"
	f.location == fx.loc(path, 3)
	f.message == `app service "portal" does not request client certificates (client_cert_enabled = false)`
}

test_tg_az_100_unset_fires if {
	findings := app_service.deny with input as app("azurerm_windows_web_app", object.remove(compliant, ["client_certificate_enabled"]))
	some f in findings
	f.rule_id == "TG-AZ-100"
	f.location == fx.span(path, 1, 7)
}

test_tg_az_100_compliant if {
	count(fx.ids(app_service.deny, "TG-AZ-100")) == 0 with input as app("azurerm_windows_web_app", compliant)
	unknown := fx.unknown(app("azurerm_linux_web_app", compliant).resource, "client_certificate_enabled", 3)
	count(fx.ids(app_service.deny, "TG-AZ-100")) == 0 with input as fx.resource("azurerm_linux_web_app", "portal", unknown)
}

# resource "azurerm_linux_web_app" "api" {    # line 30
#   name = "api"                             # line 31
#   site_config {                            # line 32
#     cors {                                 # line 33
#       allowed_origins = ORIGINS            # line 34
#     }                                      # line 35
#   }                                        # line 36
# }                                          # line 37
cors_app(type, origins) := fx.resource(type, "api", fx.block(path, 30, 37, {
	"name": "api",
	"site_config": [fx.block(path, 32, 36, {"cors": [fx.block(path, 33, 35, {"allowed_origins": origins}, {"allowed_origins": 34})]}, {})],
}, {"name": 31}))

test_tg_az_196_violation if {
	findings := app_service.deny with input as cors_app("azurerm_linux_web_app", ["*"])
	some f in findings
	f.rule_id == "TG-AZ-196"
	f.location == fx.loc(path, 34)
	f.message == `web app "api" lets every website call it (site_config.cors.allowed_origins contains "*")`
	count(fx.ids(app_service.deny, "TG-AZ-196")) == 1 with input as cors_app("azurerm_function_app", ["https://a.example.com", "*"])
}

test_tg_az_196_compliant if {
	count(fx.ids(app_service.deny, "TG-AZ-196")) == 0 with input as cors_app("azurerm_linux_web_app", ["https://portal.example.com"])
}
