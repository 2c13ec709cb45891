package tollgate.audit.gcp.storage_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.storage
import rego.v1

path := "logging/bucket.tf"

# resource "google_storage_bucket" "audit_logs" {   # line 1
#   name     = "acme-audit-logs"                   # line 2
#   location = "EU"                                # line 3
#   retention_policy {                             # line 4
#     retention_period = 31536000                  # line 5
#     is_locked        = LOCKED                    # line 6
#   }                                              # line 7
#   logging {                                      # line 8
#     log_bucket = "acme-access-logs"              # line 9
#   }                                              # line 10
# }                                                # line 11
bucket(fields) := fx.resource("google_storage_bucket", "audit_logs", fx.block(path, 1, 11, object.union({"name": "acme-audit-logs", "location": "EU"}, fields), {"name": 2, "location": 3}))

retention(locked) := [fx.block(path, 4, 7, {"retention_period": 31536000, "is_locked": locked}, {"retention_period": 5, "is_locked": 6})]

# resource "google_logging_project_sink" "audit" {                                     # line 1
#   name        = "audit"                                                             # line 2
#   destination = "storage.googleapis.com/${google_storage_bucket.audit_logs.name}"   # line 3 (unknown)
# }                                                                                   # line 4
sink := fx.unknown(fx.block("logging/sink.tf", 1, 4, {"name": "audit"}, {"name": 2}), "destination", 3)

log_bucket(fields) := fx.related(bucket(fields), {"google_logging_project_sink": [sink]})

test_tg_gcp_071_violation if {
	findings := storage.deny with input as log_bucket({"retention_policy": retention(false)})
	some f in findings
	f.rule_id == "TG-GCP-071"
	f.location == fx.loc(path, 6)
	f.message == `bucket "audit_logs" receives exported logs but its retention_policy is not locked`
}

test_tg_gcp_071_compliant if {
	count(fx.ids(storage.deny, "TG-GCP-071")) == 0 with input as log_bucket({"retention_policy": retention(true)})
	count(fx.ids(storage.deny, "TG-GCP-071")) == 0 with input as bucket({})
}

test_tg_gcp_071_no_retention_fires if {
	findings := storage.deny with input as log_bucket({})
	some f in findings
	f.rule_id == "TG-GCP-071"
	f.location == fx.span(path, 1, 11)
	f.message == `bucket "audit_logs" receives exported logs but has no retention_policy`
}

test_tg_gcp_071_unknown_does_not_fire if {
	policy := [fx.unknown(retention(false)[0], "is_locked", 6)]
	count(fx.ids(storage.deny, "TG-GCP-071")) == 0 with input as log_bucket({"retention_policy": policy})
}

test_tg_gcp_072_violation if {
	findings := storage.deny with input as bucket({})
	some f in findings
	f.rule_id == "TG-GCP-072"
	f.location == fx.span(path, 1, 11)
	f.message == `bucket "audit_logs" has no usage logging (no logging block)`
}

test_tg_gcp_072_compliant if {
	logging := [fx.block(path, 8, 10, {"log_bucket": "acme-access-logs"}, {"log_bucket": 9})]
	count(fx.ids(storage.deny, "TG-GCP-072")) == 0 with input as bucket({"logging": logging})
}

test_tg_gcp_072_log_target_buckets_do_not_fire if {
	count(fx.ids(storage.deny, "TG-GCP-072")) == 0 with input as log_bucket({})
	source := fx.block("storage/site.tf", 1, 8, {"name": "acme-site"}, {"name": 2})
	count(fx.ids(storage.deny, "TG-GCP-072")) == 0 with input as fx.related(bucket({}), {"google_storage_bucket": [source]})
}

test_tg_gcp_142_violation if {
	logging := [fx.block(path, 8, 10, {"log_bucket": "acme-audit-logs"}, {"log_bucket": 9})]
	findings := storage.deny with input as bucket({"logging": logging})
	some f in findings
	f.rule_id == "TG-GCP-142"
	f.location == fx.loc(path, 9)
	f.message == `bucket "audit_logs" writes its usage logs to itself (log_bucket = "acme-audit-logs")`
}

test_tg_gcp_142_compliant if {
	logging := [fx.block(path, 8, 10, {"log_bucket": "acme-access-logs"}, {"log_bucket": 9})]
	count(fx.ids(storage.deny, "TG-GCP-142")) == 0 with input as bucket({"logging": logging})
	unknown := [fx.unknown(logging[0], "log_bucket", 9)]
	count(fx.ids(storage.deny, "TG-GCP-142")) == 0 with input as bucket({"logging": unknown})
}
