package tollgate.access.gcp.serverless_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.serverless
import rego.v1

path := "app/run.tf"

# resource "google_cloud_run_service_iam_member" "public" {   # line 1
#   service = "api"                                          # line 2
#   role    = "roles/run.invoker"                            # line 3
#   member  = MEMBER                                         # line 4
# }                                                          # line 5
member(type, m) := fx.resource(type, "public", fx.block(path, 1, 5, {"service": "api", "role": "roles/run.invoker", "member": m}, {"service": 2, "role": 3, "member": 4}))

test_tg_gcp_138_violation if {
	findings := serverless.deny with input as member("google_cloud_run_service_iam_member", "allUsers")
	some f in findings
	f.rule_id == "TG-GCP-138"
	f.location == fx.loc(path, 4)
	f.message == `Cloud Run service IAM "public" lets anyone invoke it: "allUsers" (roles/run.invoker)`
}

test_tg_gcp_138_compliant if {
	count(fx.ids(serverless.deny, "TG-GCP-138")) == 0 with input as member("google_cloud_run_service_iam_member", "serviceAccount:caller@acme.iam.gserviceaccount.com")
	count(fx.ids(serverless.deny, "TG-GCP-138")) == 1 with input as member("google_cloudfunctions2_function_iam_member", "allAuthenticatedUsers")
}

# resource "google_cloudfunctions_function" "fn" {   # line 10
#   name             = "hook"                       # line 11
#   runtime          = "python312"                  # line 12
#   trigger_http     = true                         # line 13
#   ingress_settings = INGRESS                      # line 14
#   https_trigger_security_level = LEVEL            # line 15
# }                                                 # line 16
function(fields) := fx.resource("google_cloudfunctions_function", "fn", fx.block(path, 10, 16, object.union({"name": "hook", "runtime": "python312", "trigger_http": true}, fields), {"name": 11, "runtime": 12, "trigger_http": 13, "ingress_settings": 14, "https_trigger_security_level": 15}))

# resource "google_cloudfunctions2_function" "fn2" {   # line 20
#   name = "hook2"                                    # line 21
#   service_config {                                  # line 22
#     ingress_settings = INGRESS                      # line 23
#   }                                                 # line 24
# }                                                   # line 25
function2(config) := fx.resource("google_cloudfunctions2_function", "fn2", fx.block(path, 20, 25, object.union({"name": "hook2"}, config), {"name": 21}))

service_config(fields) := [fx.block(path, 22, 24, fields, {"ingress_settings": 23})]

test_tg_gcp_139_violation if {
	findings := serverless.deny with input as function({})
	some f in findings
	f.rule_id == "TG-GCP-139"
	f.location == fx.span(path, 10, 16)
	f.message == `Cloud Function "fn" accepts traffic from the internet (ingress_settings not set, default ALLOW_ALL)`
}

test_tg_gcp_139_gen2_allow_all if {
	findings := serverless.deny with input as function2({"service_config": service_config({"ingress_settings": "ALLOW_ALL"})})
	some f in findings
	f.rule_id == "TG-GCP-139"
	f.location == fx.loc(path, 23)
	f.message == `Cloud Function "fn2" accepts traffic from the internet (ingress_settings = "ALLOW_ALL")`
}

test_tg_gcp_139_gen2_without_service_config if {
	findings := serverless.deny with input as function2({})
	some f in findings
	f.rule_id == "TG-GCP-139"
	f.location == fx.span(path, 20, 25)
}

test_tg_gcp_139_compliant if {
	count(fx.ids(serverless.deny, "TG-GCP-139")) == 0 with input as function({"ingress_settings": "ALLOW_INTERNAL_ONLY"})
	count(fx.ids(serverless.deny, "TG-GCP-139")) == 0 with input as function2({"service_config": service_config({"ingress_settings": "ALLOW_INTERNAL_AND_GCLB"})})
	unknown := fx.unknown(service_config({"ingress_settings": "x"})[0], "ingress_settings", 23)
	count(fx.ids(serverless.deny, "TG-GCP-139")) == 0 with input as function2({"service_config": [unknown]})
}
