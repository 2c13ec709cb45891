package tollgate.access.gcp.iam_hardening_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.iam_hardening as iam
import rego.v1

path := "iam/project.tf"

# resource "google_project_iam_member" "m" {   # line 1
#   project = "acme"                          # line 2
#   role    = ROLE                            # line 3
#   member  = MEMBER                          # line 4
# }                                           # line 5
member(role, who) := fx.resource("google_project_iam_member", "m", fx.block(path, 1, 5, {"project": "acme", "role": role, "member": who}, {"project": 2, "role": 3, "member": 4}))

# resource "google_folder_iam_binding" "b" {   # line 1
#   folder  = "folders/1"                     # line 2
#   role    = ROLE                            # line 3
#   members = MEMBERS                         # line 4
# }                                           # line 5
binding(role, who) := fx.resource("google_folder_iam_binding", "b", fx.block(path, 1, 5, {"folder": "folders/1", "role": role, "members": who}, {"folder": 2, "role": 3, "members": 4}))

test_compliant_grants_have_no_findings if {
	count(iam.deny) == 0 with input as member("roles/storage.objectViewer", "group:data@example.com")
	count(iam.deny) == 0 with input as binding("roles/compute.viewer", ["serviceAccount:app@acme.iam.gserviceaccount.com"])
}

test_tg_gcp_098_violation if {
	findings := iam.deny with input as member("roles/compute.viewer", "user:alice@example.com")
	some f in findings
	f.rule_id == "TG-GCP-098"
	f.location == fx.loc(path, 4)
	f.message == `project IAM member "m" grants roles directly to users: "user:alice@example.com" (roles/compute.viewer)`
}

test_tg_gcp_098_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-098")) == 0 with input as binding("roles/compute.viewer", ["group:ops@example.com"])
}

test_tg_gcp_099_violation if {
	findings := iam.deny with input as binding("roles/compute.viewer", ["group:ops@example.com", "user:Bob@Gmail.com"])
	some f in findings
	f.rule_id == "TG-GCP-099"
	f.location == fx.loc(path, 4)
	f.message == `folder IAM binding "b" grants roles to personal email accounts: "user:Bob@Gmail.com" (roles/compute.viewer)`
}

test_tg_gcp_099_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-099")) == 0 with input as member("roles/compute.viewer", "user:bob@example.com")
}

test_tg_gcp_100_violation if {
	findings := iam.deny with input as member("roles/iam.securityAdmin", "serviceAccount:ci@acme.iam.gserviceaccount.com")
	some f in findings
	f.rule_id == "TG-GCP-100"
	f.location == fx.loc(path, 3)
	f.message == `project IAM member "m" grants administrator roles to service accounts: "serviceAccount:ci@acme.iam.gserviceaccount.com" (roles/iam.securityAdmin)`
}

test_tg_gcp_100_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-100")) == 0 with input as member("roles/storage.admin", "group:storage-admins@example.com")
	count(fx.ids(iam.deny, "TG-GCP-100")) == 0 with input as member("roles/storage.objectViewer", "serviceAccount:ci@acme.iam.gserviceaccount.com")
}

test_tg_gcp_101_violation if {
	findings := iam.deny with input as binding("roles/storage.objectViewer", ["serviceAccount:123456-compute@developer.gserviceaccount.com"])
	some f in findings
	f.rule_id == "TG-GCP-101"
	f.location == fx.loc(path, 4)
	f.message == `folder IAM binding "b" grants roles to a default service account: "serviceAccount:123456-compute@developer.gserviceaccount.com" (roles/storage.objectViewer)`
}

test_tg_gcp_101_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-101")) == 0 with input as member("roles/storage.objectViewer", "serviceAccount:app@acme.iam.gserviceaccount.com")
}

test_tg_gcp_102_violation if {
	findings := iam.deny with input as member("roles/viewer", "group:auditors@example.com")
	some f in findings
	f.rule_id == "TG-GCP-102"
	f.location == fx.loc(path, 3)
	f.message == `project IAM member "m" grants the basic Viewer role: "group:auditors@example.com" (roles/viewer)`
}

test_tg_gcp_102_compliant if {
	count(fx.ids(iam.deny, "TG-GCP-102")) == 0 with input as member("roles/iam.securityReviewer", "group:auditors@example.com")
}
