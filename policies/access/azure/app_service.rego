package tollgate.access.azure.app_service

import data.tollgate.lib
import rego.v1

auth_kinds := {
	"azurerm_app_service": "app service",
	"azurerm_linux_web_app": "web app",
	"azurerm_windows_web_app": "web app",
	"azurerm_function_app": "function app",
}

# METADATA
# title: App Service authentication is disabled
# description: |
#   A web app (azurerm_app_service, azurerm_linux_web_app, azurerm_windows_web_app) or a
#   legacy azurerm_function_app has neither auth_settings { enabled = true } nor
#   auth_settings_v2 { auth_enabled = true }: App Service Authentication (Easy Auth) does
#   not sign users in with Microsoft Entra ID or another identity provider, so every request
#   reaches the application anonymously and the application alone must authenticate it.
# related_resources:
# - https://learn.microsoft.com/azure/app-service/overview-authentication-authorization
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#auth_settings_v2
# custom:
#   id: TG-AZ-099
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Add auth_settings_v2 { auth_enabled = true, require_authentication = true, ... } with an identity provider (active_directory_v2 for Microsoft Entra ID).
#   frameworks:
#     cis-azure-2.0: ["9.1"]
#     nist-800-53: ["IA-2", "AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.2.1"]
deny contains finding if {
	input.type in {"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_function_app"}
	r := input.resource
	not auth_unknown(r)
	not auth_on(r)
	v := auth_off(r)
	msg := sprintf("%s %q has App Service authentication disabled (%s)", [auth_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

auth_on(r) if {
	some s in r.auth_settings
	lib.is_true(s.enabled)
}

auth_on(r) if {
	some s in r.auth_settings_v2
	lib.is_true(s.auth_enabled)
}

auth_unknown(r) if lib.unknown(r, "auth_settings")

auth_unknown(r) if lib.unknown(r, "auth_settings_v2")

auth_unknown(r) if {
	some s in r.auth_settings
	lib.unknown(s, "enabled")
}

auth_unknown(r) if {
	some s in r.auth_settings_v2
	lib.unknown(s, "auth_enabled")
}

auth_off(r) := {"location": lib.attr_loc(s, "enabled"), "problem": "auth_settings enabled is not true"} if {
	some s in r.auth_settings
} else := {"location": lib.attr_loc(s, "auth_enabled"), "problem": "auth_settings_v2 auth_enabled is not true"} if {
	some s in r.auth_settings_v2
} else := {"location": lib.loc(r), "problem": "no auth_settings or auth_settings_v2"}

cert_keys := {
	"azurerm_app_service": "client_cert_enabled",
	"azurerm_linux_web_app": "client_certificate_enabled",
	"azurerm_windows_web_app": "client_certificate_enabled",
}

# METADATA
# title: App Service does not request client certificates
# description: |
#   client_cert_enabled (azurerm_app_service) or client_certificate_enabled
#   (azurerm_linux_web_app, azurerm_windows_web_app) is not true, the provider's default
#   being false: the app does not ask callers for a TLS client certificate, so mutual TLS
#   cannot authenticate the clients that reach it.
# related_resources:
# - https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#client_certificate_enabled
# custom:
#   id: TG-AZ-100
#   severity: low
#   category: access
#   provider: azure
#   remediation: Set client_certificate_enabled = true (client_cert_enabled on azurerm_app_service) with client_certificate_mode = "Required", and validate the certificate in the application.
#   frameworks:
#     cis-azure-2.0: ["9.4"]
#     nist-800-53: ["IA-3", "IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app"}
	r := input.resource
	key := cert_keys[input.type]
	not lib.unknown(r, key)
	not lib.is_true(object.get(r, key, false))
	msg := sprintf("%s %q does not request client certificates (%s = %v)", [auth_kinds[input.type], input.name, key, object.get(r, key, false)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}

cors_kinds := {
	"azurerm_app_service": "app service",
	"azurerm_linux_web_app": "web app",
	"azurerm_windows_web_app": "web app",
	"azurerm_function_app": "function app",
	"azurerm_linux_function_app": "function app",
	"azurerm_windows_function_app": "function app",
}

# METADATA
# title: App lets every website call it (CORS "*")
# description: |
#   site_config.cors.allowed_origins of a web or function app (azurerm_app_service,
#   azurerm_linux_web_app, azurerm_windows_web_app, azurerm_function_app,
#   azurerm_linux_function_app, azurerm_windows_function_app) contains "*": scripts on any
#   website a user visits may call the app from the user's browser and read the responses,
#   which defeats the browser's same-origin protection of the app's APIs.
# related_resources:
# - https://learn.microsoft.com/azure/app-service/app-service-web-tutorial-rest-api#enable-cors
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#allowed_origins
# custom:
#   id: TG-AZ-196
#   severity: medium
#   category: access
#   provider: azure
#   remediation: List the exact origins (https://app.example.com) that need to call the app in allowed_origins.
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {
		"azurerm_app_service",
		"azurerm_linux_web_app",
		"azurerm_windows_web_app",
		"azurerm_function_app",
		"azurerm_linux_function_app",
		"azurerm_windows_function_app",
	}
	some config in input.resource.site_config
	some cors in config.cors
	some origin in cors.allowed_origins
	origin == "*"
	msg := sprintf("%s %q lets every website call it (site_config.cors.allowed_origins contains \"*\")", [cors_kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cors, "allowed_origins"), msg)
}
