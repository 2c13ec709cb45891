package tollgate.access.azure.services_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.access.azure.services
import rego.v1

path := "svc/main.tf"

# resource "azurerm_api_management" "apim" {   # line 1
#   name                       = "apim"        # line 2
#   sku_name                   = SKU           # line 3
#   client_certificate_enabled = CERT          # line 4
# }                                            # line 5
apim(fields) := fx.resource("azurerm_api_management", "apim", fx.block(path, 1, 5, object.union({"name": "apim"}, fields), {"name": 2, "sku_name": 3, "client_certificate_enabled": 4}))

test_tg_az_201_violation if {
	findings := services.deny with input as apim({"sku_name": "Consumption_0"})
	some f in findings
	f.rule_id == "TG-AZ-201"
	f.location == fx.span(path, 1, 5)
	f.message == `API Management service "apim" does not require client certificates (client_certificate_enabled unset, default false)`
	count(fx.ids(services.deny, "TG-AZ-201")) == 1 with input as apim({"sku_name": "Consumption_0", "client_certificate_enabled": false})
}

test_tg_az_201_compliant if {
	count(fx.ids(services.deny, "TG-AZ-201")) == 0 with input as apim({"sku_name": "Consumption_0", "client_certificate_enabled": true})
	count(fx.ids(services.deny, "TG-AZ-201")) == 0 with input as apim({"sku_name": "Developer_1"})
}

# resource "azurerm_cognitive_account" "oai" {        # line 10
#   name                               = "oai"       # line 11
#   kind                               = "OpenAI"    # line 12
#   outbound_network_access_restricted = RESTRICTED  # line 13
#   fqdns                              = FQDNS       # line 14
# }                                                  # line 15
openai(fields) := fx.resource("azurerm_cognitive_account", "oai", fx.block(path, 10, 15, object.union({"name": "oai", "kind": "OpenAI"}, fields), {"name": 11, "kind": 12, "outbound_network_access_restricted": 13, "fqdns": 14}))

test_tg_az_202_violation if {
	findings := services.deny with input as openai({"outbound_network_access_restricted": false})
	some f in findings
	f.rule_id == "TG-AZ-202"
	f.location == fx.loc(path, 13)
	f.message == `Azure OpenAI account "oai" can send data anywhere (outbound_network_access_restricted = false)`
	count(fx.ids(services.deny, "TG-AZ-202")) == 1 with input as openai({})
	count(fx.ids(services.deny, "TG-AZ-202")) == 1 with input as openai({"outbound_network_access_restricted": true})
}

test_tg_az_202_compliant if {
	count(fx.ids(services.deny, "TG-AZ-202")) == 0 with input as openai({"outbound_network_access_restricted": true, "fqdns": ["api.example.com"]})
	speech := fx.resource("azurerm_cognitive_account", "speech", fx.block(path, 10, 15, {"name": "speech", "kind": "SpeechServices"}, {"name": 11, "kind": 12}))
	count(fx.ids(services.deny, "TG-AZ-202")) == 0 with input as speech
}

# resource "azurerm_batch_account" "batch" {   # line 20
#   name = "batch"                             # line 21
#   network_profile {                          # line 22
#     account_access {                         # line 23
#       default_action = ACTION                # line 24
#     }                                        # line 25
#   }                                          # line 26
# }                                            # line 27
batch(fields, action) := fx.resource("azurerm_batch_account", "batch", fx.block(path, 20, 27, object.union({
	"name": "batch",
	"network_profile": [fx.block(path, 22, 26, {"account_access": [fx.block(path, 23, 25, {"default_action": action}, {"default_action": 24})]}, {})],
}, fields), {"name": 21, "public_network_access_enabled": 21}))

test_tg_az_203_violation if {
	findings := services.deny with input as batch({}, "Allow")
	some f in findings
	f.rule_id == "TG-AZ-203"
	f.location == fx.loc(path, 24)
	f.message == `Batch account "batch" endpoint allows every address (network_profile.account_access.default_action = "Allow")`
}

test_tg_az_203_compliant if {
	count(fx.ids(services.deny, "TG-AZ-203")) == 0 with input as batch({}, "Deny")
	count(fx.ids(services.deny, "TG-AZ-203")) == 0 with input as batch({"public_network_access_enabled": false}, "Allow")
}

synapse := fx.resource("azurerm_synapse_workspace", "syn", fx.block(path, 30, 35, {"name": "syn"}, {"name": 31}))

test_tg_az_208_violation if {
	ws := synapse
	fw := fx.block("svc/fw.tf", 1, 6, {"name": "office", "start_ip_address": "203.0.113.0"}, {"name": 2, "start_ip_address": 4})
	findings := services.deny with input as fx.related(ws, {"azurerm_synapse_firewall_rule": [fw]})
	some f in findings
	f.rule_id == "TG-AZ-208"
	f.location == fx.span("svc/fw.tf", 1, 6)
	f.message == `Synapse workspace "syn" has an IP firewall rule "office" opening its public endpoints`
}

test_tg_az_208_compliant if {
	count(fx.ids(services.deny, "TG-AZ-208")) == 0 with input as synapse
}

firewall(type, fields) := fx.resource(type, "fw", fx.block(path, 40, 44, object.union({"name": "fw"}, fields), {"name": 41, "threat_intel_mode": 42, "threat_intelligence_mode": 42, "firewall_policy_id": 43}))

test_tg_az_209_violation if {
	findings := services.deny with input as firewall("azurerm_firewall", {"threat_intel_mode": "Alert"})
	some f in findings
	f.rule_id == "TG-AZ-209"
	f.location == fx.loc(path, 42)
	f.message == `Azure Firewall "fw" does not block known malicious addresses (threat_intel_mode = "Alert")`
	some g in services.deny with input as firewall("azurerm_firewall_policy", {})
	g.rule_id == "TG-AZ-209"
	g.location == fx.span(path, 40, 44)
}

test_tg_az_209_compliant if {
	count(fx.ids(services.deny, "TG-AZ-209")) == 0 with input as firewall("azurerm_firewall_policy", {"threat_intelligence_mode": "Deny"})
	with_policy := fx.resource("azurerm_firewall", "fw", fx.unknown(firewall("azurerm_firewall", {}).resource, "firewall_policy_id", 43))
	count(fx.ids(services.deny, "TG-AZ-209")) == 0 with input as with_policy
}

appgw(fields) := fx.resource("azurerm_application_gateway", "gw", fx.block(path, 50, 60, object.union({"name": "gw"}, fields), {"name": 51, "firewall_policy_id": 52}))

test_tg_az_211_violation if {
	findings := services.deny with input as appgw({})
	some f in findings
	f.rule_id == "TG-AZ-211"
	f.location == fx.span(path, 50, 60)
	f.message == `Application Gateway "gw" has no web application firewall (no waf_configuration and no firewall_policy_id)`
	off := appgw({"waf_configuration": [fx.block(path, 53, 56, {"enabled": false}, {"enabled": 54})]})
	some g in services.deny with input as off
	g.rule_id == "TG-AZ-211"
	g.location == fx.loc(path, 54)
}

test_tg_az_211_compliant if {
	on := appgw({"waf_configuration": [fx.block(path, 53, 56, {"enabled": true}, {"enabled": 54})]})
	count(fx.ids(services.deny, "TG-AZ-211")) == 0 with input as on
	policy := fx.resource("azurerm_application_gateway", "gw", fx.unknown(appgw({}).resource, "firewall_policy_id", 52))
	count(fx.ids(services.deny, "TG-AZ-211")) == 0 with input as policy
}
