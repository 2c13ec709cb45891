package tollgate.encryption.azure.app_service_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.app_service
import rego.v1

path := "app/web.tf"

# resource "azurerm_linux_web_app" "portal" {        # line 1
#   name       = "acme-portal"                     # line 2
#   https_only = HTTPS                             # line 3
#   site_config {                                  # line 4
#     minimum_tls_version     = TLS                # line 5
#     scm_minimum_tls_version = SCM_TLS            # line 6
#     ftps_state              = FTPS               # line 7
#   }                                              # line 8
# }                                                # line 9
site_config(fields) := [fx.block(path, 4, 8, fields, {"minimum_tls_version": 5, "min_tls_version": 5, "scm_minimum_tls_version": 6, "ftps_state": 7})]

app(type, fields) := fx.resource(type, "portal", fx.block(path, 1, 9, object.union({"name": "acme-portal"}, fields), {"name": 2, "https_only": 3}))

compliant := {"https_only": true, "site_config": site_config({"minimum_tls_version": "1.2", "ftps_state": "Disabled"})}

test_compliant_app_has_no_findings if {
	count(app_service.deny) == 0 with input as app("azurerm_linux_web_app", compliant)
}

test_tg_az_040_violation if {
	findings := app_service.deny with input as app("azurerm_linux_web_app", object.union(compliant, {"https_only": false}))
	some f in findings
	f.rule_id == "TG-AZ-040"
	f.location == fx.loc(path, 3)
	f.message == `web app "portal" accepts unencrypted HTTP (https_only = false)`
}

test_tg_az_040_compliant if {
	count(fx.ids(app_service.deny, "TG-AZ-040")) == 0 with input as app("azurerm_windows_function_app", compliant)
}

test_tg_az_040_default_fires if {
	findings := app_service.deny with input as app("azurerm_windows_function_app", object.remove(compliant, ["https_only"]))
	some f in findings
	f.rule_id == "TG-AZ-040"
	f.location == fx.span(path, 1, 9)
	f.message == `function app "portal" accepts unencrypted HTTP (https_only not set, default false)`
}

test_tg_az_040_unknown_does_not_fire if {
	body := fx.unknown(app("azurerm_linux_web_app", compliant).resource, "https_only", 3)
	count(fx.ids(app_service.deny, "TG-AZ-040")) == 0 with input as fx.resource("azurerm_linux_web_app", "portal", body)
}

test_tg_az_041_violation if {
	fields := object.union(compliant, {"site_config": site_config({"minimum_tls_version": "1.0"})})
	findings := app_service.deny with input as app("azurerm_linux_web_app", fields)
	some f in findings
	f.rule_id == "TG-AZ-041"
	f.location == fx.loc(path, 5)
	f.message == `web app "portal" allows TLS older than 1.2 (site_config minimum_tls_version = "1.0")`
}

test_tg_az_041_compliant if {
	count(fx.ids(app_service.deny, "TG-AZ-041")) == 0 with input as app("azurerm_linux_web_app", compliant)
	tls13 := object.union(compliant, {"site_config": site_config({"minimum_tls_version": "1.3", "scm_minimum_tls_version": "1.2"})})
	count(fx.ids(app_service.deny, "TG-AZ-041")) == 0 with input as app("azurerm_linux_web_app", tls13)
}

test_tg_az_041_scm_and_legacy_settings_fire if {
	scm := object.union(compliant, {"site_config": site_config({"minimum_tls_version": "1.2", "scm_minimum_tls_version": "1.1"})})
	findings := app_service.deny with input as app("azurerm_linux_web_app", scm)
	some f in findings
	f.rule_id == "TG-AZ-041"
	f.location == fx.loc(path, 6)
	legacy := object.union(compliant, {"site_config": site_config({"min_tls_version": "1.0"})})
	count(fx.ids(app_service.deny, "TG-AZ-041")) == 1 with input as app("azurerm_app_service", legacy)
}

test_tg_az_042_violation if {
	fields := object.union(compliant, {"site_config": site_config({"ftps_state": "AllAllowed"})})
	findings := app_service.deny with input as app("azurerm_linux_web_app_slot", fields)
	some f in findings
	f.rule_id == "TG-AZ-042"
	f.location == fx.loc(path, 7)
	f.message == `web app slot "portal" allows unencrypted FTP deployments (site_config ftps_state = "AllAllowed")`
}

test_tg_az_042_compliant if {
	count(fx.ids(app_service.deny, "TG-AZ-042")) == 0 with input as app("azurerm_linux_web_app", compliant)
	ftps := object.union(compliant, {"site_config": site_config({"ftps_state": "FtpsOnly"})})
	count(fx.ids(app_service.deny, "TG-AZ-042")) == 0 with input as app("azurerm_linux_web_app", ftps)
}

test_tg_az_042_legacy_default_fires if {
	no_ftps := object.union(compliant, {"site_config": site_config({"minimum_tls_version": "1.2"})})
	findings := app_service.deny with input as app("azurerm_app_service", no_ftps)
	some f in findings
	f.rule_id == "TG-AZ-042"
	f.location == fx.span(path, 4, 8)
	f.message == `app service "portal" allows unencrypted FTP deployments (site_config ftps_state unset: Azure's default is "AllAllowed")`
	no_site := object.remove(compliant, ["site_config"])
	some g in app_service.deny with input as app("azurerm_app_service_slot", no_site)
	g.rule_id == "TG-AZ-042"
	g.location == fx.span(path, 1, 9)
}

test_tg_az_042_unset_on_new_resources_and_unknown_do_not_fire if {
	no_ftps := object.union(compliant, {"site_config": site_config({"minimum_tls_version": "1.2"})})
	count(fx.ids(app_service.deny, "TG-AZ-042")) == 0 with input as app("azurerm_linux_web_app", no_ftps)
	unknown := object.union(compliant, {"site_config": [fx.unknown(site_config({"ftps_state": "x"})[0], "ftps_state", 7)]})
	count(fx.ids(app_service.deny, "TG-AZ-042")) == 0 with input as app("azurerm_app_service", unknown)
	count(fx.ids(app_service.deny, "TG-AZ-042")) == 0 with input as app("azurerm_app_service", fx.unknown(app("azurerm_app_service", compliant).resource, "site_config", 4))
}
