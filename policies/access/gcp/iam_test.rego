package tollgate.access.gcp.iam_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.iam
import rego.v1

path := "iam/main.tf"

# resource "google_project_iam_member" "dev" {   # line 1
#   project = "acme-prod"                       # line 2
#   role    = ROLE                              # line 3
#   member  = MEMBER                            # line 4
# }                                             # line 5
member(type, role, m) := fx.resource(type, "dev", fx.block(path, 1, 5, {"project": "acme-prod", "role": role, "member": m}, {"project": 2, "role": 3, "member": 4}))

# resource "google_project_iam_binding" "admins" {   # line 10
#   project = "acme-prod"                           # line 11
#   role    = ROLE                                  # line 12
#   members = MEMBERS                               # line 13
# }                                                 # line 14
binding(type, role, members) := fx.resource(type, "admins", fx.block(path, 10, 14, {"project": "acme-prod", "role": role, "members": members}, {"project": 11, "role": 12, "members": 13}))

test_tg_gcp_015_violation if {
	findings := iam.deny with input as member("google_project_iam_member", "roles/editor", "user:dev@example.com")
	some f in findings
	f.rule_id == "TG-GCP-015"
	f.location == fx.loc(path, 3)
	f.message == `project IAM member "dev" grants a basic role: "user:dev@example.com" (roles/editor)`
}

test_tg_gcp_015_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-015")) == 0 with input as member("google_project_iam_member", "roles/compute.viewer", "user:dev@example.com")
}

test_tg_gcp_015_binding_folder_and_policy_fire if {
	doc := binding("google_folder_iam_binding", "roles/owner", ["group:admins@example.com"])
	some f in iam.deny with input as doc
	f.rule_id == "TG-GCP-015"
	f.location == fx.loc(path, 12)
	f.message == `folder IAM binding "admins" grants a basic role: "group:admins@example.com" (roles/owner)`
	policy := fx.resource("google_project_iam_policy", "all", fx.block(path, 20, 23, {"policy_data": `{"bindings":[{"role":"roles/owner","members":["user:a@example.com"]}]}`}, {"policy_data": 22}))
	some g in iam.deny with input as policy
	g.rule_id == "TG-GCP-015"
	g.location == fx.loc(path, 22)
}

test_tg_gcp_016_violation if {
	findings := iam.deny with input as binding("google_project_iam_binding", "roles/iam.serviceAccountUser", ["group:deployers@example.com"])
	some f in findings
	f.rule_id == "TG-GCP-016"
	f.location == fx.loc(path, 12)
	f.message == `project IAM binding "admins" grants service account impersonation on every service account below it: "group:deployers@example.com" (roles/iam.serviceAccountUser)`
}

test_tg_gcp_016_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-016")) == 0 with input as binding("google_project_iam_binding", "roles/logging.viewer", ["group:deployers@example.com"])
	sa_level := binding("google_service_account_iam_binding", "roles/iam.serviceAccountUser", ["group:deployers@example.com"])
	count(fx.ids(iam.deny, "TG-GCP-016")) == 0 with input as sa_level
}

test_tg_gcp_017_violation if {
	doc := fx.resource("google_service_account_key", "ci", fx.unknown(fx.block(path, 30, 32, {}, {}), "service_account_id", 31))
	findings := iam.deny with input as doc
	some f in findings
	f.rule_id == "TG-GCP-017"
	f.location == fx.span(path, 30, 32)
	f.message == `service account key "ci" is a user-managed, long-lived credential`
}

test_tg_gcp_017_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-017")) == 0 with input as binding("google_service_account_iam_binding", "roles/iam.workloadIdentityUser", ["serviceAccount:acme-prod.svc.id.goog[ci/runner]"])
}

test_tg_gcp_018_violation if {
	findings := iam.deny with input as member("google_secret_manager_secret_iam_member", "roles/secretmanager.secretAccessor", "allUsers")
	some f in findings
	f.rule_id == "TG-GCP-018"
	f.location == fx.loc(path, 4)
	f.message == `Secret Manager secret IAM "dev" grants access to the public: "allUsers" (roles/secretmanager.secretAccessor)`
}

test_tg_gcp_018_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-018")) == 0 with input as member("google_pubsub_topic_iam_member", "roles/pubsub.publisher", "serviceAccount:app@acme-prod.iam.gserviceaccount.com")
}

test_tg_gcp_018_other_resources_fire if {
	count(fx.ids(iam.deny, "TG-GCP-018")) == 1 with input as binding("google_pubsub_subscription_iam_binding", "roles/pubsub.subscriber", ["allAuthenticatedUsers"])
	count(fx.ids(iam.deny, "TG-GCP-018")) == 1 with input as member("google_compute_image_iam_member", "roles/compute.imageUser", "allAuthenticatedUsers")
	count(fx.ids(iam.deny, "TG-GCP-018")) == 1 with input as member("google_dataproc_cluster_iam_member", "roles/dataproc.viewer", "allUsers")
}
