package tollgate.audit.gcp.dialogflow_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.dialogflow
import rego.v1

path := "bots/agent.tf"

# resource "google_dialogflow_cx_agent" "bot" {      # line 1
#   display_name               = "support"         # line 2
#   enable_stackdriver_logging = LEGACY            # line 3
#   advanced_settings {                            # line 4
#     logging_settings {                           # line 5
#       enable_stackdriver_logging = LOGGING       # line 6
#     }                                            # line 7
#   }                                              # line 8
# }                                                # line 9
settings(on) := [fx.block(path, 4, 8, {"logging_settings": [fx.block(path, 5, 7, {"enable_stackdriver_logging": on}, {"enable_stackdriver_logging": 6})]}, {})]

agent(fields) := fx.resource("google_dialogflow_cx_agent", "bot", fx.block(path, 1, 9, object.union({"display_name": "support"}, fields), {"display_name": 2, "enable_stackdriver_logging": 3}))

test_tg_gcp_143_violation if {
	findings := dialogflow.deny with input as agent({"advanced_settings": settings(false)})
	some f in findings
	f.rule_id == "TG-GCP-143"
	f.location == fx.loc(path, 6)
	f.message == `Dialogflow CX agent "bot" does not log to Cloud Logging`
}

test_tg_gcp_143_unset if {
	findings := dialogflow.deny with input as agent({})
	some f in findings
	f.location == fx.span(path, 1, 9)
}

test_tg_gcp_143_compliant if {
	count(dialogflow.deny) == 0 with input as agent({"advanced_settings": settings(true)})
	count(dialogflow.deny) == 0 with input as agent({"enable_stackdriver_logging": true})
	unknown := fx.unknown(fx.block(path, 1, 9, {"display_name": "support"}, {"display_name": 2}), "enable_stackdriver_logging", 3)
	count(dialogflow.deny) == 0 with input as fx.resource("google_dialogflow_cx_agent", "bot", unknown)
}
