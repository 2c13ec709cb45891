package tollgate.encryption.azure.gateways

import data.tollgate.lib
import rego.v1

# The protocol switches of an azurerm_api_management security block: azurerm v4 names,
# then v3 names.
legacy_protocol_switches := {
	"frontend_ssl30_enabled": "SSL 3.0 from clients",
	"frontend_tls10_enabled": "TLS 1.0 from clients",
	"frontend_tls11_enabled": "TLS 1.1 from clients",
	"backend_ssl30_enabled": "SSL 3.0 to backends",
	"backend_tls10_enabled": "TLS 1.0 to backends",
	"backend_tls11_enabled": "TLS 1.1 to backends",
	"enable_frontend_ssl30": "SSL 3.0 from clients",
	"enable_frontend_tls10": "TLS 1.0 from clients",
	"enable_frontend_tls11": "TLS 1.1 from clients",
	"enable_backend_ssl30": "SSL 3.0 to backends",
	"enable_backend_tls10": "TLS 1.0 to backends",
	"enable_backend_tls11": "TLS 1.1 to backends",
}

# METADATA
# title: API Management allows SSL 3.0, TLS 1.0 or TLS 1.1
# description: |
#   The security block of an azurerm_api_management turns on a deprecated protocol
#   (frontend_/backend_ ssl30, tls10 or tls11 _enabled in azurerm v4, enable_frontend_/
#   enable_backend_ ssl30, tls10, tls11 in v3): the gateway accepts clients, or talks to
#   backends, with protocols that have known attacks. All default to false.
# related_resources:
# - https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/api_management#security
# custom:
#   id: TG-AZ-192
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Remove the switches (or set them false) so that only TLS 1.2 and later are used on both sides.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "azurerm_api_management"
	some security in input.resource.security
	some key, what in legacy_protocol_switches
	lib.is_true(security[key])
	msg := sprintf("API Management service %q allows %s (security %s = true)", [input.name, what, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(security, key), msg)
}

weak_cdn_tls := {"None", "TLS10"}

# METADATA
# title: CDN custom domain accepts TLS older than 1.2
# description: |
#   The cdn_managed_https or user_managed_https block of an
#   azurerm_cdn_endpoint_custom_domain sets tls_version = "TLS10" or "None", or the tls block
#   of an azurerm_cdn_frontdoor_custom_domain sets minimum_tls_version = "TLS10": visitors of
#   the custom domain may connect with TLS 1.0 (or any version). Unset, it is TLS 1.2.
# related_resources:
# - https://learn.microsoft.com/azure/cdn/cdn-custom-ssl
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cdn_endpoint_custom_domain#tls_version
# custom:
#   id: TG-AZ-193
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set tls_version = "TLS12" (minimum_tls_version = "TLS12" on Front Door custom domains), or remove it.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"azurerm_cdn_endpoint_custom_domain", "azurerm_cdn_frontdoor_custom_domain"}
	some t in tls_settings
	t.body[t.key] in weak_cdn_tls
	msg := sprintf("CDN custom domain %q accepts TLS older than 1.2 (%s %s = %q)", [input.name, t.block, t.key, t.body[t.key]])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(t.body, t.key), msg)
}

tls_settings contains {"body": b, "block": block, "key": "tls_version"} if {
	input.type == "azurerm_cdn_endpoint_custom_domain"
	some block in ["cdn_managed_https", "user_managed_https"]
	some b in input.resource[block]
}

tls_settings contains {"body": b, "block": "tls", "key": "minimum_tls_version"} if {
	input.type == "azurerm_cdn_frontdoor_custom_domain"
	some b in input.resource.tls
}

# METADATA
# title: Service Fabric cluster does not encrypt node-to-node traffic
# description: |
#   The fabric_settings of an azurerm_service_fabric_cluster do not set the Security
#   section's ClusterProtectionLevel to "EncryptAndSign": communication between the
#   cluster's nodes is at most signed, not encrypted, so application data and cluster
#   state cross the network readable.
# related_resources:
# - https://learn.microsoft.com/azure/service-fabric/service-fabric-cluster-fabric-settings
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/service_fabric_cluster#fabric_settings
# custom:
#   id: TG-AZ-194
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Add fabric_settings { name = "Security", parameters = { "ClusterProtectionLevel" = "EncryptAndSign" } }.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "azurerm_service_fabric_cluster"
	r := input.resource
	not lib.unknown(r, "fabric_settings")
	not protection_unknown(r)
	not encrypt_and_sign(r)
	v := protection_gap(r)
	msg := sprintf("Service Fabric cluster %q does not encrypt node-to-node traffic (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

security_sections(r) := [s | some s in object.get(r, "fabric_settings", []); s.name == "Security"]

encrypt_and_sign(r) if {
	some s in security_sections(r)
	s.parameters.ClusterProtectionLevel == "EncryptAndSign"
}

protection_unknown(r) if {
	some s in object.get(r, "fabric_settings", [])
	lib.unknown(s, "name")
}

protection_unknown(r) if {
	some s in security_sections(r)
	lib.unknown(s, "parameters")
}

protection_gap(r) := {"location": lib.loc(s), "problem": sprintf("ClusterProtectionLevel = %v", [object.get(s, ["parameters", "ClusterProtectionLevel"], "unset")])} if {
	s := security_sections(r)[0]
} else := {"location": lib.loc(r), "problem": "no Security fabric_settings"}
