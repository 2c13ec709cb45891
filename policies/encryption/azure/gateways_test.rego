package tollgate.encryption.azure.gateways_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.gateways
import rego.v1

path := "edge/main.tf"

# resource "azurerm_api_management" "apim" {   # line 1
#   name = "acme-apim"                        # line 2
#   security {                                # line 3
#     SWITCH = VALUE                          # line 4
#   }                                         # line 5
# }                                           # line 6
apim(key, value) := fx.resource("azurerm_api_management", "apim", fx.block(path, 1, 6, {
	"name": "acme-apim",
	"security": [fx.block(path, 3, 5, {key: value}, {key: 4})],
}, {"name": 2}))

test_tg_az_192_violation if {
	findings := gateways.deny with input as apim("frontend_tls10_enabled", true)
	some f in findings
	f.rule_id == "TG-AZ-192"
	f.location == fx.loc(path, 4)
	f.message == `API Management service "apim" allows TLS 1.0 from clients (security frontend_tls10_enabled = true)`
	count(fx.ids(gateways.deny, "TG-AZ-192")) == 1 with input as apim("enable_backend_ssl30", "true")
}

test_tg_az_192_compliant if {
	count(fx.ids(gateways.deny, "TG-AZ-192")) == 0 with input as apim("frontend_tls11_enabled", false)
	count(fx.ids(gateways.deny, "TG-AZ-192")) == 0 with input as apim("triple_des_ciphers_enabled", false)
}

# resource "azurerm_cdn_endpoint_custom_domain" "www" {   # line 10
#   name = "www"                                         # line 11
#   cdn_managed_https {                                  # line 12
#     certificate_type = "Dedicated"                     # line 13
#     tls_version      = VERSION                         # line 14
#   }                                                    # line 15
# }                                                      # line 16
custom_domain(fields) := fx.resource("azurerm_cdn_endpoint_custom_domain", "www", fx.block(path, 10, 16, {
	"name": "www",
	"cdn_managed_https": [fx.block(path, 12, 15, object.union({"certificate_type": "Dedicated"}, fields), {"certificate_type": 13, "tls_version": 14})],
}, {"name": 11}))

test_tg_az_193_violation if {
	findings := gateways.deny with input as custom_domain({"tls_version": "TLS10"})
	some f in findings
	f.rule_id == "TG-AZ-193"
	f.location == fx.loc(path, 14)
	f.message == `CDN custom domain "www" accepts TLS older than 1.2 (cdn_managed_https tls_version = "TLS10")`
}

test_tg_az_193_compliant if {
	count(fx.ids(gateways.deny, "TG-AZ-193")) == 0 with input as custom_domain({"tls_version": "TLS12"})
	count(fx.ids(gateways.deny, "TG-AZ-193")) == 0 with input as custom_domain({})
}

# resource "azurerm_service_fabric_cluster" "sf" {   # line 20
#   name = "sf"                                     # line 21
#   fabric_settings {                               # line 22
#     name       = "Security"                       # line 23
#     parameters = { ClusterProtectionLevel = LEVEL } # line 24
#   }                                               # line 25
# }                                                 # line 26
fabric(params) := fx.resource("azurerm_service_fabric_cluster", "sf", fx.block(path, 20, 26, {
	"name": "sf",
	"fabric_settings": [fx.block(path, 22, 25, {"name": "Security", "parameters": params}, {"name": 23, "parameters": 24})],
}, {"name": 21}))

test_tg_az_194_violation if {
	findings := gateways.deny with input as fabric({"ClusterProtectionLevel": "Sign"})
	some f in findings
	f.rule_id == "TG-AZ-194"
	f.location == fx.span(path, 22, 25)
	f.message == `Service Fabric cluster "sf" does not encrypt node-to-node traffic (ClusterProtectionLevel = Sign)`
	bare := fx.resource("azurerm_service_fabric_cluster", "sf", fx.block(path, 20, 26, {"name": "sf"}, {"name": 21}))
	some g in gateways.deny with input as bare
	g.rule_id == "TG-AZ-194"
	g.location == fx.span(path, 20, 26)
}

test_tg_az_194_compliant if {
	count(fx.ids(gateways.deny, "TG-AZ-194")) == 0 with input as fabric({"ClusterProtectionLevel": "EncryptAndSign"})
}
