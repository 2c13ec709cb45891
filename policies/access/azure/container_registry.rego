package tollgate.access.azure.container_registry

import data.tollgate.lib
import rego.v1

# METADATA
# title: Container registry admin user is enabled
# description: |
#   admin_enabled = true on an azurerm_container_registry: a single shared username and
#   password with push and pull rights on every repository, not tied to a person, not
#   subject to Entra ID policies, and typically copied into pipelines and developer
#   machines.
# related_resources:
# - https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#admin_enabled
# custom:
#   id: TG-AZ-017
#   severity: medium
#   category: access
#   provider: azure
#   remediation: Set admin_enabled = false and pull with managed identities (AcrPull role assignments), service principals or repository-scoped tokens.
#   frameworks:
#     nist-800-53: ["IA-2", "AC-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.2.2"]
deny contains finding if {
	input.type == "azurerm_container_registry"
	r := input.resource
	lib.is_true(r.admin_enabled)
	msg := sprintf("container registry %q has the admin user enabled (admin_enabled = true)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "admin_enabled"), msg)
}

# METADATA
# title: Container registry allows anonymous pull
# description: |
#   anonymous_pull_enabled = true on an azurerm_container_registry: anyone on the internet
#   can pull every image of the registry without credentials, with whatever code, internal
#   endpoints and embedded secrets the images contain.
# related_resources:
# - https://learn.microsoft.com/azure/container-registry/anonymous-pull-access
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#anonymous_pull_enabled
# custom:
#   id: TG-AZ-018
#   severity: high
#   category: access
#   provider: azure
#   remediation: Set anonymous_pull_enabled = false; publish images meant for the public from a separate registry.
#   frameworks:
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "azurerm_container_registry"
	r := input.resource
	lib.is_true(r.anonymous_pull_enabled)
	msg := sprintf("container registry %q allows anonymous pull (anonymous_pull_enabled = true)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "anonymous_pull_enabled"), msg)
}

# METADATA
# title: Container registry does not require signed images
# description: |
#   An azurerm_container_registry neither sets trust_policy_enabled = true (azurerm v4) nor
#   has a trust_policy { enabled = true } block (v3); both default to off. Without content
#   trust, the registry serves unsigned images alongside signed ones, and clients cannot
#   require that what they pull was signed by a trusted publisher (Premium tier).
# related_resources:
# - https://learn.microsoft.com/azure/container-registry/container-registry-content-trust
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#trust_policy_enabled
# custom:
#   id: TG-AZ-190
#   severity: low
#   category: access
#   provider: azure
#   remediation: Use the Premium SKU, set trust_policy_enabled = true and sign images (Notation/Notary) in the publishing pipeline.
#   frameworks:
#     nist-800-53: ["SI-7", "CM-14"]
#     soc2: ["CC7.1"]
deny contains finding if {
	input.type == "azurerm_container_registry"
	r := input.resource
	not trust_on(r)
	not trust_unknown(r)
	v := trust_off(r)
	msg := sprintf("container registry %q does not require signed images (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

trust_on(r) if lib.is_true(r.trust_policy_enabled)

trust_on(r) if {
	some p in r.trust_policy
	lib.is_true(p.enabled)
}

trust_unknown(r) if lib.unknown(r, "trust_policy_enabled")

trust_unknown(r) if lib.unknown(r, "trust_policy")

trust_unknown(r) if {
	some p in r.trust_policy
	lib.unknown(p, "enabled")
}

trust_off(r) := {"location": lib.attr_loc(r, "trust_policy_enabled"), "problem": "trust_policy_enabled = false"} if {
	lib.is_false(r.trust_policy_enabled)
} else := {"location": lib.attr_loc(p, "enabled"), "problem": "trust_policy.enabled = false"} if {
	some p in r.trust_policy
	lib.is_false(p.enabled)
} else := {"location": lib.loc(r), "problem": "no trust policy, the default is off"}
