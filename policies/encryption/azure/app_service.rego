package tollgate.encryption.azure.app_service

import data.tollgate.encryption.azure.tls
import data.tollgate.lib
import rego.v1

kinds := {
	"azurerm_linux_web_app": "web app",
	"azurerm_windows_web_app": "web app",
	"azurerm_linux_web_app_slot": "web app slot",
	"azurerm_windows_web_app_slot": "web app slot",
	"azurerm_linux_function_app": "function app",
	"azurerm_windows_function_app": "function app",
	"azurerm_linux_function_app_slot": "function app slot",
	"azurerm_windows_function_app_slot": "function app slot",
	"azurerm_app_service": "app service",
	"azurerm_app_service_slot": "app service slot",
	"azurerm_function_app": "function app",
	"azurerm_function_app_slot": "function app slot",
}

# METADATA
# title: App Service accepts unencrypted HTTP
# description: |
#   https_only is false, or not set (its default is false), on a web app, function app or
#   one of their slots (azurerm_linux_web_app, azurerm_windows_function_app, the legacy
#   azurerm_app_service...): the app answers plain HTTP, so session cookies, tokens and
#   form data can be read and altered on the way.
# related_resources:
# - https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#https_only
# custom:
#   id: TG-AZ-040
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set https_only = true.
#   frameworks:
#     cis-azure-2.0: ["9.2"]
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {
		"azurerm_app_service",
		"azurerm_app_service_slot",
		"azurerm_function_app",
		"azurerm_function_app_slot",
		"azurerm_linux_function_app",
		"azurerm_linux_function_app_slot",
		"azurerm_linux_web_app",
		"azurerm_linux_web_app_slot",
		"azurerm_windows_function_app",
		"azurerm_windows_function_app_slot",
		"azurerm_windows_web_app",
		"azurerm_windows_web_app_slot",
	}
	r := input.resource
	problem := http_allowed(r)
	msg := sprintf("%s %q accepts unencrypted HTTP (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "https_only"), msg)
}

http_allowed(r) := "https_only = false" if {
	lib.is_false(r.https_only)
} else := "https_only not set, default false" if {
	lib.missing(r, "https_only")
} else := "https_only not set, default false" if {
	r.https_only == null
}

# minimum TLS settings of site_config: current resources, then the legacy ones.
tls_keys := ["minimum_tls_version", "scm_minimum_tls_version", "min_tls_version", "scm_min_tls_version"]

# METADATA
# title: App Service allows TLS versions below the minimum
# description: |
#   site_config of a web app, function app or slot sets minimum_tls_version (or
#   scm_minimum_tls_version for the Kudu/deployment site; min_tls_version on the legacy
#   azurerm_app_service) older than the min_tls_version parameter (default 1.2). Left
#   unset, the provider's default of 1.2 applies and nothing is reported.
# related_resources:
# - https://learn.microsoft.com/azure/app-service/overview-tls
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#minimum_tls_version
# custom:
#   id: TG-AZ-041
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set site_config { minimum_tls_version = "1.2" } (and scm_minimum_tls_version), or remove them to get the default.
#   frameworks:
#     cis-azure-2.0: ["9.3"]
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {
		"azurerm_app_service",
		"azurerm_app_service_slot",
		"azurerm_function_app",
		"azurerm_function_app_slot",
		"azurerm_linux_function_app",
		"azurerm_linux_function_app_slot",
		"azurerm_linux_web_app",
		"azurerm_linux_web_app_slot",
		"azurerm_windows_function_app",
		"azurerm_windows_function_app_slot",
		"azurerm_windows_web_app",
		"azurerm_windows_web_app_slot",
	}
	some config in input.resource.site_config
	some key in tls_keys
	tls.below_minimum(config[key])
	msg := sprintf("%s %q allows TLS older than %s (site_config %s = %q)", [kinds[input.type], input.name, tls.minimum_name, key, config[key]])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, key), msg)
}

# METADATA
# title: App Service allows plain FTP deployments
# description: |
#   site_config.ftps_state = "AllAllowed" on a web app, function app or slot: deployment
#   credentials and application files can travel over unencrypted FTP. On the legacy
#   azurerm_app_service and azurerm_app_service_slot an unset ftps_state (or no site_config
#   block) is reported too: Azure then applies its own default, AllAllowed (the newer
#   web and function app resources default to Disabled).
# related_resources:
# - https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#ftps_state
# custom:
#   id: TG-AZ-042
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set site_config { ftps_state = "Disabled" } (or "FtpsOnly" if FTP deployment is still needed).
#   frameworks:
#     cis-azure-2.0: ["9.10"]
#     nist-800-53: ["SC-8", "CM-7"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["2.2.7", "4.2.1"]
deny contains finding if {
	input.type in {
		"azurerm_app_service",
		"azurerm_app_service_slot",
		"azurerm_function_app",
		"azurerm_function_app_slot",
		"azurerm_linux_function_app",
		"azurerm_linux_function_app_slot",
		"azurerm_linux_web_app",
		"azurerm_linux_web_app_slot",
		"azurerm_windows_function_app",
		"azurerm_windows_function_app_slot",
		"azurerm_windows_web_app",
		"azurerm_windows_web_app_slot",
	}
	some v in ftp_allowed
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

ftp_allowed contains v if {
	some config in input.resource.site_config
	config.ftps_state == "AllAllowed"
	v := {
		"location": lib.attr_loc(config, "ftps_state"),
		"message": sprintf("%s %q allows unencrypted FTP deployments (site_config ftps_state = \"AllAllowed\")", [kinds[input.type], input.name]),
	}
}

# The legacy App Service resources leave ftps_state to Azure, whose default is AllAllowed.
legacy_ftp_default := {"azurerm_app_service", "azurerm_app_service_slot"}

ftp_allowed contains v if {
	input.type in legacy_ftp_default
	some config in input.resource.site_config
	lib.missing(config, "ftps_state")
	v := {
		"location": lib.loc(config),
		"message": sprintf("%s %q allows unencrypted FTP deployments (site_config ftps_state unset: Azure's default is \"AllAllowed\")", [kinds[input.type], input.name]),
	}
}

ftp_allowed contains v if {
	input.type in legacy_ftp_default
	r := input.resource
	lib.missing(r, "site_config")
	v := {
		"location": lib.loc(r),
		"message": sprintf("%s %q allows unencrypted FTP deployments (no site_config: Azure's default ftps_state is \"AllAllowed\")", [kinds[input.type], input.name]),
	}
}
