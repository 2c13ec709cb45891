package tollgate.access.azure.credentials

import data.tollgate.access.aws.credentials as creds
import data.tollgate.lib
import rego.v1

# METADATA
# title: Storage account has no SAS expiration policy
# description: |
#   An azurerm_storage_account that accepts Shared Key authorization
#   (shared_access_key_enabled true or not set, its default) has no sas_policy: shared access
#   signatures signed with the account keys may be issued with any lifetime, years if need
#   be, and a leaked token keeps working until it expires or the key that signed it is
#   rotated. With an expiration policy, Azure logs (or blocks) tokens valid for longer than
#   expiration_period.
# related_resources:
# - https://learn.microsoft.com/azure/storage/common/sas-expiration-policy
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#sas_policy
# custom:
#   id: TG-AZ-234
#   severity: low
#   category: access
#   provider: azure
#   remediation: Add sas_policy { expiration_period = "00.01:00:00", expiration_action = "Block" } (or turn Shared Key off with shared_access_key_enabled = false and use Entra ID and user delegation SAS).
#   frameworks:
#     nist-800-53: ["IA-5", "AC-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "azurerm_storage_account"
	r := input.resource
	shared_key_on(r)
	not lib.unknown(r, "sas_policy")
	not has_sas_policy(r)
	msg := sprintf("Storage account %q has no SAS expiration policy (no sas_policy while Shared Key is allowed)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

shared_key_on(r) if lib.is_true(r.shared_access_key_enabled)

shared_key_on(r) if lib.missing(r, "shared_access_key_enabled")

shared_key_on(r) if r.shared_access_key_enabled == null

has_sas_policy(r) if {
	some p in r.sas_policy
	is_object(p)
}

# METADATA
# title: Container group has a credential in a plain environment variable
# description: |
#   An environment_variables entry of a container or init_container of an
#   azurerm_container_group is named like a credential (password, secret, token, api_key,
#   private_key, access key) and has a literal value, or its value looks like a credential.
#   Plain environment variables are returned by the container group's API and shown in the
#   portal to anyone allowed to read the group, and are kept in Terraform state;
#   secure_environment_variables are not returned.
# related_resources:
# - https://learn.microsoft.com/azure/container-instances/container-instances-environment-variables#secure-values
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_group#secure_environment_variables
# custom:
#   id: TG-AZ-240
#   severity: high
#   category: access
#   provider: azure
#   remediation: Move the value to secure_environment_variables (read from Key Vault or a sensitive variable, not written in the code), or have the container read it from Key Vault with its managed identity.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "azurerm_container_group"
	r := input.resource
	some kind in ["container", "init_container"]
	some c in r[kind]
	vars := c.environment_variables
	is_object(vars)
	some name, value in vars
	name != "__loc"
	is_string(value)
	value != ""
	why := creds.env_problem({"name": name, "value": value})
	msg := sprintf("Container group %q gives %s %q %s in the plain environment variable %s", [input.name, replace(kind, "_", " "), object.get(c, "name", "?"), why, name])
	finding := lib.finding(rego.metadata.rule(), var_loc(c, vars, name), msg)
}

var_loc(_, vars, name) := lib.attr_loc(vars, name) if is_object(vars.__loc)

var_loc(c, vars, _) := lib.attr_loc(c, "environment_variables") if not is_object(vars.__loc)

# METADATA
# title: Synapse workspace SQL administrator password is written in the configuration
# description: |
#   sql_administrator_login_password of an azurerm_synapse_workspace has a value written in
#   the Terraform code or its variable files: anyone who can read the repository has the
#   password of the workspace's SQL administrator, which holds every permission on the
#   dedicated and serverless SQL pools. A password generated at apply time (random_password)
#   or read from Key Vault is not reported, nor is a value masked as sensitive in a plan.
# related_resources:
# - https://learn.microsoft.com/azure/synapse-analytics/sql/active-directory-authentication
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/synapse_workspace#sql_administrator_login_password
# custom:
#   id: TG-AZ-241
#   severity: high
#   category: access
#   provider: azure
#   remediation: Use Entra ID authentication only (azuread_authentication_only = true with an Entra ID administrator) or take the password from random_password or a Key Vault secret, and rotate the password that was in the code.
#   frameworks:
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "azurerm_synapse_workspace"
	r := input.resource
	is_string(r.sql_administrator_login_password)
	r.sql_administrator_login_password != ""
	not r.__loc.attrs.sql_administrator_login_password.sensitive
	msg := sprintf("Synapse workspace %q has its SQL administrator password written in the configuration", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "sql_administrator_login_password"), msg)
}

# Claims that GitHub puts first in the subject of repositories whose OIDC subject template
# leaves the repository out: the same subject is then issued to any repository, of any
# owner, that uses the same template.
unbound_claims := {"workflow", "environment", "ref", "context", "head_ref", "base_ref"}

# owner/name, optionally with a Terraform interpolation as the owner.
repository_pattern := `^(\$\{)?[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*(\})?/[^/]+`

# METADATA
# title: Federated credential trusts GitHub Actions tokens of any repository
# description: |
#   An azuread_application_federated_identity_credential or azurerm_federated_identity_credential
#   trusts the GitHub Actions issuer (token.actions.githubusercontent.com) with a subject
#   that does not pin one repository: it is empty or has no claim name, uses "*" as claim
#   name or value, starts with a claim that is not the repository (workflow, environment,
#   ref, context, head_ref, base_ref), or its repo claim is not owner/name. Such a subject
#   is issued by GitHub to workflows of other repositories, whose authors can then sign in
#   as the application or managed identity and use all its Azure permissions.
# related_resources:
# - https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust
# - https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
# custom:
#   id: TG-AZ-242
#   severity: high
#   category: access
#   provider: azure
#   remediation: Set subject to "repo:OWNER/NAME:environment:ENV" (or :ref:refs/heads/BRANCH, :pull_request), naming the one repository whose workflows may use the identity, and keep the repository's default OIDC subject template.
#   frameworks:
#     nist-800-53: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"azuread_application_federated_identity_credential", "azurerm_federated_identity_credential"}
	r := input.resource
	is_string(r.issuer)
	regex.match(`^https://token\.actions\.githubusercontent\.com(/[A-Za-z0-9_-]+)?/?$`, r.issuer)
	is_string(r.subject)
	problem := subject_problem(r.subject)
	msg := sprintf("Federated credential %q trusts GitHub Actions tokens of any repository (subject %q: %s)", [input.name, r.subject, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "subject"), msg)
}

subject_problem(s) := "empty" if {
	s == ""
} else := "no claim name" if {
	not contains(s, ":")
} else := "a wildcard claim" if {
	parts := split(s, ":")
	"*" in array.slice(parts, 0, 2)
} else := sprintf("starts with the %s claim, not the repository", [claim]) if {
	claim := split(s, ":")[0]
	claim in unbound_claims
} else := "the repo claim is not owner/name" if {
	parts := split(s, ":")
	parts[0] == "repo"
	not regex.match(repository_pattern, parts[1])
}
