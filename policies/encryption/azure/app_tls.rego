package tollgate.encryption.azure.app_tls

import data.tollgate.lib
import rego.v1

# METADATA
# title: Spring Cloud app does not use end-to-end TLS
# description: |
#   An azurerm_spring_cloud_app of an azurerm_spring_cloud_service that is not on the Basic
#   tier (sku_name "B0", sku_tier "Basic") sets tls_enabled = false, or leaves it unset (its
#   default is false): traffic from the service's ingress to the app instances travels
#   unencrypted inside the service's network. Reported on the service, at the app.
# related_resources:
# - https://learn.microsoft.com/azure/spring-apps/enterprise/how-to-enable-ingress-to-app-tls
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/spring_cloud_app#tls_enabled
# custom:
#   id: TG-AZ-235
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set tls_enabled = true on the app and have the app listen on HTTPS (server.ssl settings with a certificate the service trusts).
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "azurerm_spring_cloud_service"
	r := input.resource
	not basic_or_unknown(r)
	some app in object.get(input, ["related", "azurerm_spring_cloud_app"], [])
	problem := tls_problem(app)
	msg := sprintf("Spring Cloud service %q app %q does not use end-to-end TLS (%s)", [input.name, object.get(app, "name", "?"), problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(app, "tls_enabled"), msg)
}

basic_or_unknown(r) if r.sku_name == "B0"

basic_or_unknown(r) if r.sku_tier == "Basic"

basic_or_unknown(r) if lib.unknown(r, "sku_name")

basic_or_unknown(r) if lib.unknown(r, "sku_tier")

tls_problem(app) := "tls_enabled = false" if {
	lib.is_false(app.tls_enabled)
} else := "tls_enabled not set, default false" if {
	lib.missing(app, "tls_enabled")
}

# The only predefined policy with TLS 1.2 or later and nothing but ECDHE AES-GCM ciphers.
strict_predefined := "AppGwSslPolicy20220101S"

strong_versions := {"TLSv1_2", "TLSv1_3"}

strong_cipher := `^TLS_ECDHE_(RSA|ECDSA)_WITH_AES_(128|256)_GCM_SHA(256|384)$`

# METADATA
# title: Application Gateway SSL policy allows weak protocols or ciphers
# description: |
#   The ssl_policy of an azurerm_application_gateway (or of one of its ssl_profile blocks)
#   does not restrict listeners to TLS 1.2 or later with forward-secret AES-GCM ciphers:
#   there is no ssl_policy (the service default), it sets no policy_type (the default policy,
#   possibly minus disabled_protocols), it names a predefined policy other than
#   AppGwSslPolicy20220101S (the others allow TLS 1.0/1.1 or CBC and non-forward-secret
#   ciphers), or a Custom/CustomV2 policy has a min_protocol_version below TLSv1_2 (or none)
#   or lists a cipher suite other than ECDHE with AES-GCM. Clients can then be made to
#   negotiate a protocol or cipher with known weaknesses.
# related_resources:
# - https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/application_gateway#ssl_policy
# custom:
#   id: TG-AZ-239
#   severity: medium
#   category: encryption
#   provider: azure
#   remediation: Set ssl_policy { policy_type = "Predefined", policy_name = "AppGwSslPolicy20220101S" }, or a CustomV2 policy with min_protocol_version = "TLSv1_2" and only TLS_ECDHE_*_WITH_AES_*_GCM_* cipher suites.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "azurerm_application_gateway"
	some v in weak_policies
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# No ssl_policy: the gateway uses the service's default policy.
weak_policies contains v if {
	r := input.resource
	no_block(r, "ssl_policy")
	v := {
		"location": lib.loc(r),
		"message": sprintf("Application Gateway %q has no ssl_policy (the default policy allows weak protocols or ciphers)", [input.name]),
	}
}

weak_policies contains v if {
	some p in input.resource.ssl_policy
	problem := policy_problem(p)
	v := {
		"location": lib.attr_loc(p, problem.key),
		"message": sprintf("Application Gateway %q SSL policy allows weak protocols or ciphers (%s)", [input.name, problem.text]),
	}
}

weak_policies contains v if {
	some profile in input.resource.ssl_profile
	some p in profile.ssl_policy
	problem := policy_problem(p)
	v := {
		"location": lib.attr_loc(p, problem.key),
		"message": sprintf("Application Gateway %q SSL profile %q allows weak protocols or ciphers (%s)", [input.name, object.get(profile, "name", "?"), problem.text]),
	}
}

no_block(r, key) if lib.missing(r, key)

no_block(r, key) if r[key] == []

no_block(r, key) if r[key] == null

policy_problem(p) := {"key": "disabled_protocols", "text": "no policy_type, the default policy"} if {
	lib.missing(p, "policy_type")
} else := {"key": "policy_name", "text": sprintf("predefined policy %s", [p.policy_name])} if {
	p.policy_type == "Predefined"
	is_string(p.policy_name)
	p.policy_name != strict_predefined
} else := {"key": "min_protocol_version", "text": "min_protocol_version not set"} if {
	p.policy_type in {"Custom", "CustomV2"}
	lib.missing(p, "min_protocol_version")
} else := {"key": "min_protocol_version", "text": sprintf("min_protocol_version = %s", [p.min_protocol_version])} if {
	p.policy_type in {"Custom", "CustomV2"}
	is_string(p.min_protocol_version)
	not p.min_protocol_version in strong_versions
} else := {"key": "cipher_suites", "text": sprintf("cipher suites %s", [concat(", ", weak)])} if {
	p.policy_type in {"Custom", "CustomV2"}
	weak := sort([c | some c in p.cipher_suites; is_string(c); not regex.match(strong_cipher, c)])
	count(weak) > 0
}
