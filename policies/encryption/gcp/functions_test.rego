package tollgate.encryption.gcp.functions_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.functions
import rego.v1

path := "app/fn.tf"

# resource "google_cloudfunctions_function" "fn" {   # line 1
#   name         = "hook"                           # line 2
#   trigger_http = TRIGGER                          # line 3
#   https_trigger_security_level = LEVEL            # line 4
# }                                                 # line 5
function(fields) := fx.resource("google_cloudfunctions_function", "fn", fx.block(path, 1, 5, object.union({"name": "hook", "trigger_http": true}, fields), {"name": 2, "trigger_http": 3, "https_trigger_security_level": 4}))

test_tg_gcp_140_violation if {
	findings := functions.deny with input as function({})
	some f in findings
	f.rule_id == "TG-GCP-140"
	f.location == fx.span(path, 1, 5)
	f.message == `HTTP Cloud Function "fn" accepts plain HTTP (https_trigger_security_level not set, default SECURE_OPTIONAL)`
}

test_tg_gcp_140_explicit_optional if {
	findings := functions.deny with input as function({"https_trigger_security_level": "SECURE_OPTIONAL"})
	some f in findings
	f.rule_id == "TG-GCP-140"
	f.location == fx.loc(path, 4)
}

test_tg_gcp_140_compliant if {
	count(functions.deny) == 0 with input as function({"https_trigger_security_level": "SECURE_ALWAYS"})
	count(functions.deny) == 0 with input as function({"trigger_http": false})
	count(functions.deny) == 0 with input as fx.resource("google_cloudfunctions_function", "fn", fx.unknown(function({})[`resource`], "https_trigger_security_level", 4))
}
