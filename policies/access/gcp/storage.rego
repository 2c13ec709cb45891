package tollgate.access.gcp.storage

import data.tollgate.access.gcp.iam_members as iam
import data.tollgate.lib
import rego.v1

iam_types := {"google_storage_bucket_iam_binding", "google_storage_bucket_iam_member", "google_storage_bucket_iam_policy"}

role_entity_types := {"google_storage_bucket_acl", "google_storage_default_object_acl", "google_storage_object_acl"}

entity_types := {
	"google_storage_bucket_access_control",
	"google_storage_default_object_access_control",
	"google_storage_object_access_control",
}

public_predefined_acls := {"publicRead", "publicReadWrite", "authenticatedRead"}

# METADATA
# title: Cloud Storage bucket is publicly accessible
# description: |
#   A bucket IAM binding, member or policy (google_storage_bucket_iam_*) grants a role to
#   allUsers or allAuthenticatedUsers, or a bucket or object ACL does (role_entity or
#   entity naming allUsers or allAuthenticatedUsers, or a predefined_acl of publicRead,
#   publicReadWrite or authenticatedRead): anyone on the internet, or anyone with a Google
#   account, can read, and with some roles write, the bucket's objects.
# related_resources:
# - https://cloud.google.com/storage/docs/access-control/making-data-public
# - https://cloud.google.com/storage/docs/public-access-prevention
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_iam
# custom:
#   id: TG-GCP-001
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Remove the allUsers and allAuthenticatedUsers grants, set public_access_prevention = "enforced" on the bucket, and serve public content through Cloud CDN or signed URLs.
#   frameworks:
#     cis-gcp-2.0: ["5.1"]
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type in {
		"google_storage_bucket_access_control",
		"google_storage_bucket_acl",
		"google_storage_bucket_iam_binding",
		"google_storage_bucket_iam_member",
		"google_storage_bucket_iam_policy",
		"google_storage_default_object_access_control",
		"google_storage_default_object_acl",
		"google_storage_object_access_control",
		"google_storage_object_acl",
	}
	some v in public_access
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

public_access contains v if {
	input.type in iam_types
	gs := iam.public_grants
	count(gs) > 0
	some key in {g.key | some g in gs}
	v := {
		"location": lib.attr_loc(input.resource, key),
		"message": sprintf("bucket IAM %q grants access to the public: %s", [input.name, iam.describe({g | some g in gs; g.key == key})]),
	}
}

public_access contains v if {
	input.type in role_entity_types
	r := input.resource
	entries := [e | some e in r.role_entity; public_role_entity(e)]
	count(entries) > 0
	v := {
		"location": lib.attr_loc(r, "role_entity"),
		"message": sprintf("storage ACL %q grants access to the public: %s", [input.name, concat(", ", entries)]),
	}
}

public_access contains v if {
	input.type in role_entity_types
	r := input.resource
	r.predefined_acl in public_predefined_acls
	v := {
		"location": lib.attr_loc(r, "predefined_acl"),
		"message": sprintf("storage ACL %q grants access to the public (predefined_acl = %q)", [input.name, r.predefined_acl]),
	}
}

public_access contains v if {
	input.type in entity_types
	r := input.resource
	r.entity in iam.public_members
	v := {
		"location": lib.attr_loc(r, "entity"),
		"message": sprintf("storage access control %q grants %v to %s", [input.name, object.get(r, "role", "a role"), r.entity]),
	}
}

# role_entity entries are "ROLE:entity", e.g. "READER:allUsers".
public_role_entity(e) if {
	is_string(e)
	parts := split(e, ":")
	count(parts) == 2
	parts[1] in iam.public_members
}

# METADATA
# title: Cloud Storage bucket does not use uniform bucket-level access
# description: |
#   uniform_bucket_level_access is false, or not set (its default is false), on a
#   google_storage_bucket: object ACLs stay in force beside IAM, so any object can be made
#   public or shared on its own, invisible to IAM reviews and policies such as public
#   access prevention audits.
# related_resources:
# - https://cloud.google.com/storage/docs/uniform-bucket-level-access
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#uniform_bucket_level_access
# custom:
#   id: TG-GCP-002
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set uniform_bucket_level_access = true (and migrate any object ACLs to IAM first).
#   frameworks:
#     cis-gcp-2.0: ["5.2"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "google_storage_bucket"
	r := input.resource
	problem := ubla_off(r)
	msg := sprintf("bucket %q does not use uniform bucket-level access (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "uniform_bucket_level_access"), msg)
}

ubla_off(r) := "uniform_bucket_level_access = false" if {
	lib.is_false(r.uniform_bucket_level_access)
} else := "uniform_bucket_level_access not set, default false" if {
	lib.missing(r, "uniform_bucket_level_access")
} else := "uniform_bucket_level_access not set, default false" if {
	r.uniform_bucket_level_access == null
}
