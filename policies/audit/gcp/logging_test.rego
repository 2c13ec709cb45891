package tollgate.audit.gcp.logging_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.logging
import rego.v1

path := "iam/audit.tf"

# resource "google_project_iam_audit_config" "all" {   # line 1
#   project = "acme-prod"                             # line 2
#   service = "allServices"                           # line 3
#   audit_log_config {                                # line 4
#     log_type = "ADMIN_READ"                         # line 5
#   }                                                 # line 6
#   audit_log_config {                                # line 7
#     log_type = "DATA_READ"                          # line 8
#     exempted_members = EXEMPTED                     # line 9
#   }                                                 # line 10
#   audit_log_config {                                # line 11
#     log_type = "DATA_WRITE"                         # line 12
#   }                                                 # line 13
# }                                                   # line 14
log_config(start, type, line, extra) := fx.block(path, start, (start + 2) + count(extra), object.union({"log_type": type}, extra), {"log_type": line, "exempted_members": line + 1})

config_body(configs) := fx.block(path, 1, 14, {"project": "acme-prod", "service": "allServices", "audit_log_config": configs}, {"project": 2, "service": 3})

config(configs) := fx.resource("google_project_iam_audit_config", "all", config_body(configs))

all_types := [
	log_config(4, "ADMIN_READ", 5, {}),
	log_config(7, "DATA_READ", 8, {}),
	log_config(11, "DATA_WRITE", 12, {}),
]

test_tg_gcp_070_violation if {
	findings := logging.deny with input as config([log_config(4, "ADMIN_READ", 5, {})])
	some f in findings
	f.rule_id == "TG-GCP-070"
	f.location == fx.loc(path, 3)
	f.message == `project audit config "all" does not log DATA_READ, DATA_WRITE for allServices`
}

test_tg_gcp_070_compliant if {
	count(fx.ids(logging.deny, "TG-GCP-070")) == 0 with input as config(all_types)
}

test_tg_gcp_070_exempted_members_fire if {
	configs := [all_types[0], log_config(7, "DATA_READ", 8, {"exempted_members": ["user:auditor@example.com"]}), all_types[2]]
	findings := logging.deny with input as config(configs)
	some f in findings
	f.rule_id == "TG-GCP-070"
	f.location == fx.loc(path, 9)
	f.message == `project audit config "all" exempts 1 members from DATA_READ audit logs`
}

test_tg_gcp_070_unknown_does_not_fire if {
	configs := [fx.unknown(log_config(4, "x", 5, {}), "log_type", 5)]
	count(fx.ids(logging.deny, "TG-GCP-070")) == 0 with input as config(configs)
}

# resource "google_project" "app" {   # line 20
#   name       = "acme-app"          # line 21
#   project_id = "acme-app"          # line 22
# }                                  # line 23
project := fx.resource("google_project", "app", fx.block(path, 20, 23, {"name": "acme-app", "project_id": "acme-app"}, {"name": 21, "project_id": 22}))

test_tg_gcp_070_project_without_audit_config_fires if {
	findings := logging.deny with input as project
	some f in findings
	f.rule_id == "TG-GCP-070"
	f.location == fx.span(path, 20, 23)
	f.message == `project "app" has no allServices audit config (no google_project_iam_audit_config refers to it)`
	related := fx.related(project, {"google_project_iam_audit_config": [config_body(all_types)]})
	count(fx.ids(logging.deny, "TG-GCP-070")) == 0 with input as related
}
