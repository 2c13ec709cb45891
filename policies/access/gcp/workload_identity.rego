package tollgate.access.gcp.workload_identity

import data.tollgate.lib
import rego.v1

github_issuer := "https://token.actions.githubusercontent.com"

# Conditions that pin one repository: its name or id, or a sub claim of the form
# repo:OWNER/NAME... (compared or used as a prefix).
repository_pins := [
	`assertion\.repository(_id)?\s*==\s*['"][^'"*]+['"]`,
	`assertion\.sub\s*==\s*['"]repo:[^/'"*]+/[^'"*:]+`,
	`assertion\.sub\.startsWith\(\s*['"]repo:[^/'"*]+/[^'"*:]+:`,
]

# METADATA
# title: GitHub Actions workload identity provider does not pin a repository
# description: |
#   A google_iam_workload_identity_pool_provider trusting GitHub Actions tokens
#   (oidc.issuer_uri https://token.actions.githubusercontent.com) has an
#   attribute_condition that names no repository (assertion.repository,
#   assertion.repository_id, or a sub of the form repo:OWNER/NAME): every workflow of
#   every repository the condition admits, for example all the repositories of an
#   organization or of any owner, can exchange its token for Google credentials. A
#   provider with no condition at all is reported by TG-GCP-088. Not reported when the
#   condition or the issuer is unknown.
# related_resources:
# - https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#conditions
# - https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#understanding-the-oidc-token
# custom:
#   id: TG-GCP-148
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Add the repository to attribute_condition, e.g. assertion.repository == "acme/deploy" (or assertion.repository_id, which survives renames), with the branch or environment if needed.
#   frameworks:
#     nist-800-53: ["IA-2", "AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "google_iam_workload_identity_pool_provider"
	r := input.resource
	some oidc in r.oidc
	oidc.issuer_uri == github_issuer
	condition := r.attribute_condition
	is_string(condition)
	condition != ""
	not pins_repository(condition)
	msg := sprintf("GitHub Actions workload identity provider %q admits workflows of any repository its condition does not name (attribute_condition = %q)", [input.name, condition])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "attribute_condition"), msg)
}

pins_repository(condition) if {
	some pattern in repository_pins
	regex.match(pattern, condition)
}
