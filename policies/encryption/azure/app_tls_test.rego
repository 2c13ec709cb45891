package tollgate.encryption.azure.app_tls_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.encryption.azure.app_tls
import rego.v1

path := "apps/main.tf"

service(fields) := fx.resource("azurerm_spring_cloud_service", "svc", fx.block(path, 1, 6, object.union({"name": "acme-apps"}, fields), {"sku_name": 3}))

app(fields) := fx.block("apps/app.tf", 1, 8, object.union({"name": "api"}, fields), {"tls_enabled": 5})

test_tg_az_235_violation if {
	doc := fx.related(service({}), {"azurerm_spring_cloud_app": [app({})]})
	findings := app_tls.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-235"
	f.location == fx.span("apps/app.tf", 1, 8)
	f.message == `Spring Cloud service "svc" app "api" does not use end-to-end TLS (tls_enabled not set, default false)`
	off := fx.related(service({"sku_name": "S0"}), {"azurerm_spring_cloud_app": [app({"tls_enabled": false})]})
	some g in app_tls.deny with input as off
	g.location == fx.loc("apps/app.tf", 5)
}

test_tg_az_235_compliant if {
	on := fx.related(service({}), {"azurerm_spring_cloud_app": [app({"tls_enabled": true})]})
	count(fx.ids(app_tls.deny, "TG-AZ-235")) == 0 with input as on
	basic := fx.related(service({"sku_name": "B0"}), {"azurerm_spring_cloud_app": [app({})]})
	count(fx.ids(app_tls.deny, "TG-AZ-235")) == 0 with input as basic
	count(fx.ids(app_tls.deny, "TG-AZ-235")) == 0 with input as service({})
}

gateway(fields) := fx.resource("azurerm_application_gateway", "agw", fx.block(path, 20, 60, object.union({"name": "acme-agw"}, fields), {}))

policy(fields) := fx.block(path, 30, 36, fields, {"policy_type": 31, "policy_name": 32, "min_protocol_version": 33, "cipher_suites": 34, "disabled_protocols": 35})

test_tg_az_239_violation if {
	findings := app_tls.deny with input as gateway({})
	some f in findings
	f.rule_id == "TG-AZ-239"
	f.location == fx.span(path, 20, 60)
	f.message == `Application Gateway "agw" has no ssl_policy (the default policy allows weak protocols or ciphers)`

	predefined := gateway({"ssl_policy": [policy({"policy_type": "Predefined", "policy_name": "AppGwSslPolicy20170401S"})]})
	some g in app_tls.deny with input as predefined
	g.location == fx.loc(path, 32)
	g.message == `Application Gateway "agw" SSL policy allows weak protocols or ciphers (predefined policy AppGwSslPolicy20170401S)`

	cbc := gateway({"ssl_policy": [policy({"policy_type": "CustomV2", "min_protocol_version": "TLSv1_2", "cipher_suites": ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"]})]})
	some h in app_tls.deny with input as cbc
	h.location == fx.loc(path, 34)
	h.message == `Application Gateway "agw" SSL policy allows weak protocols or ciphers (cipher suites TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256)`

	old := gateway({"ssl_policy": [policy({"policy_type": "Custom", "min_protocol_version": "TLSv1_1", "cipher_suites": ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]})]})
	count(fx.ids(app_tls.deny, "TG-AZ-239")) == 1 with input as old
	legacy := gateway({"ssl_policy": [policy({"disabled_protocols": ["TLSv1_0", "TLSv1_1"]})]})
	count(fx.ids(app_tls.deny, "TG-AZ-239")) == 1 with input as legacy
	profile := gateway({
		"ssl_policy": [policy({"policy_type": "Predefined", "policy_name": "AppGwSslPolicy20220101S"})],
		"ssl_profile": [fx.block(path, 40, 50, {"name": "legacy", "ssl_policy": [policy({"policy_type": "Predefined", "policy_name": "AppGwSslPolicy20150501"})]}, {})],
	})
	some i in app_tls.deny with input as profile
	i.message == `Application Gateway "agw" SSL profile "legacy" allows weak protocols or ciphers (predefined policy AppGwSslPolicy20150501)`
}

test_tg_az_239_compliant if {
	strict := gateway({"ssl_policy": [policy({"policy_type": "Predefined", "policy_name": "AppGwSslPolicy20220101S"})]})
	count(fx.ids(app_tls.deny, "TG-AZ-239")) == 0 with input as strict
	custom := gateway({"ssl_policy": [policy({"policy_type": "CustomV2", "min_protocol_version": "TLSv1_2", "cipher_suites": ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]})]})
	count(fx.ids(app_tls.deny, "TG-AZ-239")) == 0 with input as custom
	tls13 := gateway({"ssl_policy": [policy({"policy_type": "CustomV2", "min_protocol_version": "TLSv1_3"})]})
	count(fx.ids(app_tls.deny, "TG-AZ-239")) == 0 with input as tls13
	unknown_name := gateway({"ssl_policy": [fx.unknown(policy({"policy_type": "Predefined"}), "policy_name", 32)]})
	count(fx.ids(app_tls.deny, "TG-AZ-239")) == 0 with input as unknown_name
	dynamic := fx.resource("azurerm_application_gateway", "agw", fx.unknown(fx.block(path, 20, 60, {"name": "acme-agw"}, {}), "ssl_policy", 30))
	count(fx.ids(app_tls.deny, "TG-AZ-239")) == 0 with input as dynamic
}
