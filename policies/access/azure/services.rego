package tollgate.access.azure.services

import data.tollgate.lib
import rego.v1

# METADATA
# title: Consumption API Management does not require client certificates
# description: |
#   An azurerm_api_management on a Consumption sku_name does not set
#   client_certificate_enabled = true (the provider's default is false): the serverless
#   gateway never asks callers for a certificate, so policies cannot authenticate clients
#   by certificate (mutual TLS) and any holder of a subscription key gets in.
# related_resources:
# - https://learn.microsoft.com/azure/api-management/api-management-howto-mutual-certificates-for-clients
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/api_management#client_certificate_enabled
# custom:
#   id: TG-AZ-201
#   severity: low
#   category: access
#   provider: azure
#   remediation: Set client_certificate_enabled = true and validate the certificate with a validate-client-certificate policy.
#   frameworks:
#     nist-800-53: ["IA-3", "IA-5"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "azurerm_api_management"
	r := input.resource
	is_string(r.sku_name)
	startswith(r.sku_name, "Consumption")
	v := client_cert_off(r)
	msg := sprintf("API Management service %q does not require client certificates (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

client_cert_off(r) := {"location": lib.attr_loc(r, "client_certificate_enabled"), "problem": "client_certificate_enabled = false"} if {
	lib.is_false(r.client_certificate_enabled)
}

client_cert_off(r) := {"location": lib.loc(r), "problem": "client_certificate_enabled unset, default false"} if {
	lib.missing(r, "client_certificate_enabled")
}

# METADATA
# title: Azure OpenAI account can send data anywhere
# description: |
#   An azurerm_cognitive_account of kind "OpenAI" does not set
#   outbound_network_access_restricted = true with a list of allowed fqdns: features that
#   fetch content (data sources, tools) may connect to any host, so prompts and data can be
#   sent out of the organisation (data loss prevention for Azure OpenAI).
# related_resources:
# - https://learn.microsoft.com/azure/ai-services/cognitive-services-data-loss-prevention
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cognitive_account#outbound_network_access_restricted
# custom:
#   id: TG-AZ-202
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set outbound_network_access_restricted = true and list the approved destinations in fqdns.
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type == "azurerm_cognitive_account"
	r := input.resource
	is_string(r.kind)
	lower(r.kind) == "openai"
	v := outbound_open(r)
	msg := sprintf("Azure OpenAI account %q can send data anywhere (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

outbound_open(r) := {"location": lib.attr_loc(r, "outbound_network_access_restricted"), "problem": "outbound_network_access_restricted = false"} if {
	lib.is_false(r.outbound_network_access_restricted)
} else := {"location": lib.loc(r), "problem": "outbound_network_access_restricted unset, default false"} if {
	lib.missing(r, "outbound_network_access_restricted")
} else := {"location": lib.attr_loc(r, "outbound_network_access_restricted"), "problem": "no fqdns allowed list"} if {
	lib.is_true(r.outbound_network_access_restricted)
	lib.missing(r, "fqdns")
} else := {"location": lib.attr_loc(r, "fqdns"), "problem": "no fqdns allowed list"} if {
	lib.is_true(r.outbound_network_access_restricted)
	r.fqdns == []
}

# METADATA
# title: Batch account endpoint allows every address
# description: |
#   An azurerm_batch_account that does not turn public_network_access_enabled off has a
#   network_profile whose account_access default_action is "Allow": the account's
#   management endpoint (jobs, tasks, pools) accepts calls from every internet address
#   instead of only the listed ip_rule ranges.
# related_resources:
# - https://learn.microsoft.com/azure/batch/public-network-access
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/batch_account#default_action
# custom:
#   id: TG-AZ-203
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set account_access { default_action = "Deny" } with ip_rule blocks for the callers, or public_network_access_enabled = false with private endpoints.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_batch_account"
	r := input.resource
	not public_access_off(r)
	some profile in r.network_profile
	some access in profile.account_access
	is_string(access.default_action)
	lower(access.default_action) == "allow"
	msg := sprintf("Batch account %q endpoint allows every address (network_profile.account_access.default_action = %q)", [input.name, access.default_action])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(access, "default_action"), msg)
}

public_access_off(r) if lib.is_false(r.public_network_access_enabled)

public_access_off(r) if lib.unknown(r, "public_network_access_enabled")

# METADATA
# title: Synapse workspace has IP firewall rules
# description: |
#   An azurerm_synapse_firewall_rule of the configuration refers to this
#   azurerm_synapse_workspace: its SQL, development and serverless endpoints are open on
#   the internet to the listed address ranges, instead of being reached only through
#   managed private endpoints and private link hubs.
# related_resources:
# - https://learn.microsoft.com/azure/synapse-analytics/security/synapse-workspace-ip-firewall
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/synapse_firewall_rule
# custom:
#   id: TG-AZ-208
#   severity: low
#   category: access
#   provider: azure
#   remediation: Remove the azurerm_synapse_firewall_rule resources, set public_network_access_enabled = false and connect through private endpoints.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "azurerm_synapse_workspace"
	some rule in object.get(input, ["related", "azurerm_synapse_firewall_rule"], [])
	msg := sprintf("Synapse workspace %q has an IP firewall rule %q opening its public endpoints", [input.name, object.get(rule, "name", "")])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

threat_intel_keys := {"azurerm_firewall": "threat_intel_mode", "azurerm_firewall_policy": "threat_intelligence_mode"}

# METADATA
# title: Azure Firewall does not block known malicious addresses
# description: |
#   threat_intel_mode of an azurerm_firewall without a firewall policy, or
#   threat_intelligence_mode of an azurerm_firewall_policy, is not "Deny" (the provider's
#   default is "Alert"): traffic to and from addresses and domains that Microsoft's threat
#   intelligence lists as malicious (command and control, malware) is only logged, not
#   dropped. A firewall with firewall_policy_id takes the mode from its policy.
# related_resources:
# - https://learn.microsoft.com/azure/firewall/threat-intel
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/firewall_policy#threat_intelligence_mode
# custom:
#   id: TG-AZ-209
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set threat_intelligence_mode = "Deny" on the firewall policy (threat_intel_mode = "Deny" on a firewall with classic rules), with threat_intelligence_allowlist entries for false positives.
#   frameworks:
#     nist-800-53: ["SC-7", "SI-4"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"azurerm_firewall", "azurerm_firewall_policy"}
	r := input.resource
	key := threat_intel_keys[input.type]
	not policy_attached(r)
	v := intel_not_deny(r, key)
	msg := sprintf("%s %q does not block known malicious addresses (%s)", [firewall_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

firewall_kinds := {"azurerm_firewall": "Azure Firewall", "azurerm_firewall_policy": "firewall policy"}

policy_attached(r) if {
	input.type == "azurerm_firewall"
	not lib.missing(r, "firewall_policy_id")
}

intel_not_deny(r, key) := {"location": lib.attr_loc(r, key), "problem": sprintf("%s = %q", [key, r[key]])} if {
	is_string(r[key])
	r[key] != "Deny"
}

intel_not_deny(r, key) := {"location": lib.loc(r), "problem": sprintf("%s unset, default Alert", [key])} if {
	lib.missing(r, key)
}

# METADATA
# title: Application Gateway has no web application firewall
# description: |
#   An azurerm_application_gateway has neither a waf_configuration block with enabled = true
#   nor a firewall_policy_id: requests reach the backends without inspection for SQL
#   injection, cross-site scripting and the other attacks of the OWASP rule sets (WAF_v2
#   tier).
# related_resources:
# - https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/application_gateway#firewall_policy_id
# custom:
#   id: TG-AZ-211
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Use the WAF_v2 SKU and attach an azurerm_web_application_firewall_policy in Prevention mode with firewall_policy_id.
#   frameworks:
#     nist-800-53: ["SC-7", "SI-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type == "azurerm_application_gateway"
	r := input.resource
	lib.missing(r, "firewall_policy_id")
	not lib.unknown(r, "waf_configuration")
	not waf_on(r)
	v := waf_off(r)
	msg := sprintf("Application Gateway %q has no web application firewall (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

waf_on(r) if {
	some w in r.waf_configuration
	lib.is_true(w.enabled)
}

waf_on(r) if {
	some w in r.waf_configuration
	lib.unknown(w, "enabled")
}

waf_off(r) := {"location": lib.attr_loc(w, "enabled"), "problem": "waf_configuration.enabled = false"} if {
	some w in r.waf_configuration
	lib.is_false(w.enabled)
} else := {"location": lib.loc(r), "problem": "no waf_configuration and no firewall_policy_id"}
