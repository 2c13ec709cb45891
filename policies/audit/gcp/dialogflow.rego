package tollgate.audit.gcp.dialogflow

import data.tollgate.lib
import rego.v1

# METADATA
# title: Dialogflow CX agent does not log to Cloud Logging
# description: |
#   A google_dialogflow_cx_agent enables Cloud Logging neither with
#   enable_stackdriver_logging nor with
#   advanced_settings.logging_settings.enable_stackdriver_logging (both default to false):
#   the agent's conversations and errors are not written to Cloud Logging, so abuse of the
#   agent and leaks through it leave no trace. Not reported when either value is unknown.
# related_resources:
# - https://cloud.google.com/dialogflow/cx/docs/concept/agent#settings-general
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/dialogflow_cx_agent#enable_stackdriver_logging
# custom:
#   id: TG-GCP-143
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Set advanced_settings { logging_settings { enable_stackdriver_logging = true } } (or enable_stackdriver_logging = true on older providers).
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "google_dialogflow_cx_agent"
	r := input.resource
	not logs(r)
	location := off_location(r)
	msg := sprintf("Dialogflow CX agent %q does not log to Cloud Logging", [input.name])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

logs(r) if lib.is_true(r.enable_stackdriver_logging)

logs(r) if lib.unknown(r, "enable_stackdriver_logging")

logs(r) if lib.unknown(r, "advanced_settings")

logs(r) if {
	some a in r.advanced_settings
	lib.unknown(a, "logging_settings")
}

logs(r) if {
	some a in r.advanced_settings
	some l in a.logging_settings
	lib.is_true(l.enable_stackdriver_logging)
}

logs(r) if {
	some a in r.advanced_settings
	some l in a.logging_settings
	lib.unknown(l, "enable_stackdriver_logging")
}

# off_location(r): the setting that turns logging off, else the agent.
off_location(r) := lib.attr_loc(l, "enable_stackdriver_logging") if {
	some a in r.advanced_settings
	some l in a.logging_settings
	lib.is_false(l.enable_stackdriver_logging)
} else := lib.attr_loc(r, "enable_stackdriver_logging") if {
	lib.is_false(r.enable_stackdriver_logging)
} else := lib.loc(r)
