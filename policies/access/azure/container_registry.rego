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
