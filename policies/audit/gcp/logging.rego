package tollgate.audit.gcp.logging

import data.tollgate.lib
import rego.v1

audit_config_kinds := {
	"google_project_iam_audit_config": "project audit config",
	"google_folder_iam_audit_config": "folder audit config",
	"google_organization_iam_audit_config": "organization audit config",
}

required_log_types := ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]

# METADATA
# title: Data Access audit logs are not enabled for all services
# description: |
#   Cloud Audit Logs record admin activity by default, but reads and writes of data
#   (DATA_READ, DATA_WRITE) and reads of configuration (ADMIN_READ) only when an audit
#   config enables them. Reported: an allServices google_project_iam_audit_config (or
#   folder, organization) that lacks one of these log types or exempts members, and a
#   google_project of the configuration that no allServices project audit config refers
#   to. Who read or changed which data cannot be established without them.
# related_resources:
# - https://cloud.google.com/logging/docs/audit/configure-data-access
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam#google_project_iam_audit_config
# custom:
#   id: TG-GCP-070
#   severity: medium
#   category: audit
#   provider: gcp
#   remediation: Add a google_project_iam_audit_config (or folder or organization) with service = "allServices" and audit_log_config blocks for ADMIN_READ, DATA_READ and DATA_WRITE, without exempted_members.
#   frameworks:
#     cis-gcp-2.0: ["2.1"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {
		"google_folder_iam_audit_config",
		"google_organization_iam_audit_config",
		"google_project",
		"google_project_iam_audit_config",
	}
	some v in audit_gaps
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

audit_gaps contains v if {
	input.type in object.keys(audit_config_kinds)
	r := input.resource
	r.service == "allServices"
	not lib.unknown(r, "audit_log_config")
	logged := {c.log_type | some c in r.audit_log_config}
	not log_type_unknown(r)
	missing := [t | some t in required_log_types; not t in logged]
	count(missing) > 0
	v := {
		"location": lib.attr_loc(r, "service"),
		"message": sprintf("%s %q does not log %s for allServices", [audit_config_kinds[input.type], input.name, concat(", ", missing)]),
	}
}

audit_gaps contains v if {
	input.type in object.keys(audit_config_kinds)
	r := input.resource
	r.service == "allServices"
	some c in r.audit_log_config
	is_array(c.exempted_members)
	count(c.exempted_members) > 0
	v := {
		"location": lib.attr_loc(c, "exempted_members"),
		"message": sprintf("%s %q exempts %d members from %v audit logs", [audit_config_kinds[input.type], input.name, count(c.exempted_members), c.log_type]),
	}
}

audit_gaps contains v if {
	input.type == "google_project"
	not input.related_unknown
	configs := object.get(input, ["related", "google_project_iam_audit_config"], [])
	not covers_all_services(configs)
	v := {
		"location": lib.loc(input.resource),
		"message": sprintf("project %q has no allServices audit config (no google_project_iam_audit_config refers to it)", [input.name]),
	}
}

log_type_unknown(r) if {
	some c in r.audit_log_config
	lib.unknown(c, "log_type")
}

covers_all_services(configs) if {
	some c in configs
	c.service == "allServices"
}

# A config whose service is not known may be the allServices one.
covers_all_services(configs) if {
	some c in configs
	lib.unknown(c, "service")
}
