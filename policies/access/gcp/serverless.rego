package tollgate.access.gcp.serverless

import data.tollgate.access.gcp.iam_members as iam
import data.tollgate.lib
import rego.v1

invoker_kinds := {
	"google_cloud_run_service": "Cloud Run service",
	"google_cloud_run_v2_service": "Cloud Run service",
	"google_cloudfunctions_function": "Cloud Function",
	"google_cloudfunctions2_function": "Cloud Function",
}

iam_kinds := {sprintf("%s_iam_%s", [type, suffix]): name |
	some type, name in invoker_kinds
	some suffix in ["binding", "member", "policy"]
}

# METADATA
# title: Cloud Run service or Cloud Function can be invoked by anyone
# description: |
#   An IAM binding, member or policy of a Cloud Run service or a Cloud Function (1st or 2nd
#   gen) grants a role to allUsers or allAuthenticatedUsers: anyone on the internet, or
#   anyone with a Google account, can call it (or, with a broader role, change it), so its
#   code is the only access control left. Intended for public websites and webhooks, which
#   should then authenticate callers themselves.
# related_resources:
# - https://cloud.google.com/run/docs/authenticating/public
# - https://cloud.google.com/functions/docs/securing/managing-access-iam#allowing_unauthenticated_http_function_invocation
# custom:
#   id: TG-GCP-138
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Grant roles/run.invoker (roles/cloudfunctions.invoker) to the service accounts, groups or users that call it, and put public endpoints behind a load balancer with Cloud Armor or IAP.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-14"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type in {
		"google_cloud_run_service_iam_binding",
		"google_cloud_run_service_iam_member",
		"google_cloud_run_service_iam_policy",
		"google_cloud_run_v2_service_iam_binding",
		"google_cloud_run_v2_service_iam_member",
		"google_cloud_run_v2_service_iam_policy",
		"google_cloudfunctions2_function_iam_binding",
		"google_cloudfunctions2_function_iam_member",
		"google_cloudfunctions2_function_iam_policy",
		"google_cloudfunctions_function_iam_binding",
		"google_cloudfunctions_function_iam_member",
		"google_cloudfunctions_function_iam_policy",
	}
	some key in {g.key | some g in iam.public_grants}
	gs := {g | some g in iam.public_grants; g.key == key}
	msg := sprintf("%s IAM %q lets anyone invoke it: %s", [iam_kinds[input.type], input.name, iam.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, key), msg)
}

# METADATA
# title: Cloud Function accepts traffic from the internet
# description: |
#   A google_cloudfunctions_function's ingress_settings, or a
#   google_cloudfunctions2_function's service_config.ingress_settings, is ALLOW_ALL or
#   unset (the default is ALLOW_ALL): the function's URL accepts requests from any
#   network, not only from the VPC or through an external load balancer where Cloud
#   Armor and IAP can filter them. Not reported when the value is unknown.
# related_resources:
# - https://cloud.google.com/functions/docs/networking/network-settings#ingress_settings
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/cloudfunctions_function#ingress_settings
# custom:
#   id: TG-GCP-139
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Set ingress_settings = "ALLOW_INTERNAL_ONLY", or "ALLOW_INTERNAL_AND_GCLB" behind an external load balancer (service_config { ingress_settings = ... } for 2nd gen).
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"google_cloudfunctions_function", "google_cloudfunctions2_function"}
	some v in open_ingress
	msg := sprintf("Cloud Function %q accepts traffic from the internet (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

restricted_ingress := {"ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"}

# The object holding ingress_settings: the function (1st gen) or its service_config
# block (2nd gen); a 2nd gen function without service_config gets the default.
ingress_holders contains input.resource if input.type == "google_cloudfunctions_function"

ingress_holders contains c if {
	input.type == "google_cloudfunctions2_function"
	some c in input.resource.service_config
}

open_ingress contains {"location": lib.loc(input.resource), "problem": "no service_config, ingress_settings default ALLOW_ALL"} if {
	input.type == "google_cloudfunctions2_function"
	lib.missing(input.resource, "service_config")
}

open_ingress contains {"location": lib.loc(o), "problem": "ingress_settings not set, default ALLOW_ALL"} if {
	some o in ingress_holders
	lib.missing(o, "ingress_settings")
}

open_ingress contains {"location": lib.attr_loc(o, "ingress_settings"), "problem": sprintf("ingress_settings = %q", [o.ingress_settings])} if {
	some o in ingress_holders
	is_string(o.ingress_settings)
	not o.ingress_settings in restricted_ingress
}
