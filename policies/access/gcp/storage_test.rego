package tollgate.access.gcp.storage_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.storage
import rego.v1

path := "storage/bucket.tf"

# resource "google_storage_bucket_iam_binding" "viewers" {   # line 1
#   bucket  = google_storage_bucket.site.name               # line 2 (unknown)
#   role    = "roles/storage.objectViewer"                  # line 3
#   members = MEMBERS                                       # line 4
# }                                                         # line 5
binding(members) := fx.resource("google_storage_bucket_iam_binding", "viewers", fx.unknown(
	fx.block(path, 1, 5, {"role": "roles/storage.objectViewer", "members": members}, {"role": 3, "members": 4}),
	"bucket", 2,
))

test_tg_gcp_001_violation if {
	findings := storage.deny with input as binding(["group:web@example.com", "allUsers"])
	some f in findings
	f.rule_id == "TG-GCP-001"
	f.location == fx.loc(path, 4)
	f.message == `bucket IAM "viewers" grants access to the public: "allUsers" (roles/storage.objectViewer)`
}

test_tg_gcp_001_compliant if {
	count(fx.ids(storage.deny, "TG-GCP-001")) == 0 with input as binding(["group:web@example.com"])
}

test_tg_gcp_001_member_resource_fires if {
	doc := fx.resource("google_storage_bucket_iam_member", "public", fx.block(path, 10, 14, {"role": "roles/storage.objectAdmin", "member": "allAuthenticatedUsers"}, {"role": 12, "member": 13}))
	findings := storage.deny with input as doc
	some f in findings
	f.rule_id == "TG-GCP-001"
	f.location == fx.loc(path, 13)
	f.message == `bucket IAM "public" grants access to the public: "allAuthenticatedUsers" (roles/storage.objectAdmin)`
}

test_tg_gcp_001_acls_fire if {
	acl := fx.resource("google_storage_bucket_acl", "site", fx.block(path, 20, 24, {"role_entity": ["OWNER:user-admin@example.com", "READER:allUsers"]}, {"role_entity": 22}))
	findings := storage.deny with input as acl
	some f in findings
	f.rule_id == "TG-GCP-001"
	f.location == fx.loc(path, 22)
	f.message == `storage ACL "site" grants access to the public: READER:allUsers`
	predefined := fx.resource("google_storage_object_acl", "site", fx.block(path, 20, 24, {"predefined_acl": "publicRead"}, {"predefined_acl": 23}))
	count(fx.ids(storage.deny, "TG-GCP-001")) == 1 with input as predefined
	control := fx.resource("google_storage_default_object_access_control", "site", fx.block(path, 20, 24, {"role": "READER", "entity": "allUsers"}, {"role": 22, "entity": 23}))
	some g in storage.deny with input as control
	g.message == `storage access control "site" grants READER to allUsers`
	g.location == fx.loc(path, 23)
}

test_tg_gcp_001_private_acls_do_not_fire if {
	acl := fx.resource("google_storage_bucket_acl", "site", fx.block(path, 20, 24, {"role_entity": ["OWNER:project-owners-123"], "predefined_acl": "projectPrivate"}, {"role_entity": 22}))
	count(fx.ids(storage.deny, "TG-GCP-001")) == 0 with input as acl
}

test_tg_gcp_001_unknown_does_not_fire if {
	doc := fx.resource("google_storage_bucket_iam_binding", "viewers", fx.unknown(binding([]).resource, "members", 4))
	count(fx.ids(storage.deny, "TG-GCP-001")) == 0 with input as doc
}

# resource "google_storage_bucket" "site" {          # line 30
#   name                        = "acme-site"       # line 31
#   location                    = "EU"              # line 32
#   uniform_bucket_level_access = UBLA              # line 33
# }                                                 # line 34
bucket_body(fields) := fx.block(path, 30, 34, object.union({"name": "acme-site", "location": "EU"}, fields), {"name": 31, "location": 32, "uniform_bucket_level_access": 33})

bucket(fields) := fx.resource("google_storage_bucket", "site", bucket_body(fields))

test_tg_gcp_002_violation if {
	findings := storage.deny with input as bucket({"uniform_bucket_level_access": false})
	some f in findings
	f.rule_id == "TG-GCP-002"
	f.location == fx.loc(path, 33)
	f.message == `bucket "site" does not use uniform bucket-level access (uniform_bucket_level_access = false)`
}

test_tg_gcp_002_compliant if {
	count(fx.ids(storage.deny, "TG-GCP-002")) == 0 with input as bucket({"uniform_bucket_level_access": true})
}

test_tg_gcp_002_default_fires if {
	findings := storage.deny with input as bucket({})
	some f in findings
	f.rule_id == "TG-GCP-002"
	f.location == fx.span(path, 30, 34)
	f.message == `bucket "site" does not use uniform bucket-level access (uniform_bucket_level_access not set, default false)`
}

test_tg_gcp_002_unknown_does_not_fire if {
	body := fx.unknown(bucket_body({}), "uniform_bucket_level_access", 33)
	count(fx.ids(storage.deny, "TG-GCP-002")) == 0 with input as fx.resource("google_storage_bucket", "site", body)
}
