package tollgate.access.gcp.workload_identity_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.workload_identity
import rego.v1

path := "iam/wif.tf"

# resource "google_iam_workload_identity_pool_provider" "gh" {   # line 1
#   workload_identity_pool_provider_id = "github"               # line 2
#   attribute_condition = CONDITION                             # line 3
#   oidc {                                                      # line 4
#     issuer_uri = "https://token.actions.githubusercontent.com"  # line 5
#   }                                                           # line 6
# }                                                             # line 7
provider(condition) := fx.resource("google_iam_workload_identity_pool_provider", "gh", fx.block(path, 1, 7, {
	"workload_identity_pool_provider_id": "github",
	"attribute_condition": condition,
	"oidc": [fx.block(path, 4, 6, {"issuer_uri": "https://token.actions.githubusercontent.com"}, {"issuer_uri": 5})],
}, {"workload_identity_pool_provider_id": 2, "attribute_condition": 3}))

test_tg_gcp_148_violation if {
	findings := workload_identity.deny with input as provider("assertion.repository_owner == 'acme'")
	some f in findings
	f.rule_id == "TG-GCP-148"
	f.location == fx.loc(path, 3)
	f.message == `GitHub Actions workload identity provider "gh" admits workflows of any repository its condition does not name (attribute_condition = "assertion.repository_owner == 'acme'")`
}

test_tg_gcp_148_compliant if {
	count(workload_identity.deny) == 0 with input as provider("assertion.repository == 'acme/deploy'")
	count(workload_identity.deny) == 0 with input as provider(`assertion.repository_owner == "acme" && assertion.repository_id == "123456"`)
	count(workload_identity.deny) == 0 with input as provider("assertion.sub == 'repo:acme/deploy:ref:refs/heads/main'")
	count(workload_identity.deny) == 1 with input as provider("assertion.sub == 'repo:acme/*'")
	unknown := fx.unknown(provider("x")[`resource`], "attribute_condition", 3)
	count(workload_identity.deny) == 0 with input as fx.resource("google_iam_workload_identity_pool_provider", "gh", unknown)
}
