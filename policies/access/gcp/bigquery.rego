package tollgate.access.gcp.bigquery

import data.tollgate.access.gcp.iam_members as iam
import data.tollgate.lib
import rego.v1

iam_kinds := {
	"google_bigquery_dataset_iam_binding": "BigQuery dataset IAM binding",
	"google_bigquery_dataset_iam_member": "BigQuery dataset IAM member",
	"google_bigquery_dataset_iam_policy": "BigQuery dataset IAM policy",
	"google_bigquery_table_iam_binding": "BigQuery table IAM binding",
	"google_bigquery_table_iam_member": "BigQuery table IAM member",
	"google_bigquery_table_iam_policy": "BigQuery table IAM policy",
}

# METADATA
# title: BigQuery dataset or table is publicly accessible
# description: |
#   A BigQuery dataset grants access to allUsers or allAuthenticatedUsers: an access block
#   of google_bigquery_dataset (special_group = "allAuthenticatedUsers", or iam_member =
#   "allUsers"), a google_bigquery_dataset_access, or a dataset or table IAM binding,
#   member or policy. Anyone on the internet, or anyone with a Google account, can query
#   the data.
# related_resources:
# - https://cloud.google.com/bigquery/docs/control-access-to-resources-iam
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#access
# custom:
#   id: TG-GCP-027
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Remove the allUsers and allAuthenticatedUsers grants and grant roles/bigquery.dataViewer to the specific groups that need the data; share public data through Analytics Hub instead.
#   frameworks:
#     cis-gcp-2.0: ["7.1"]
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type in {
		"google_bigquery_dataset",
		"google_bigquery_dataset_access",
		"google_bigquery_dataset_iam_binding",
		"google_bigquery_dataset_iam_member",
		"google_bigquery_dataset_iam_policy",
		"google_bigquery_table_iam_binding",
		"google_bigquery_table_iam_member",
		"google_bigquery_table_iam_policy",
	}
	some v in public_access
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

# Dataset access entries: access blocks of the dataset, or the dataset_access resource.
access_entries contains entry if {
	input.type == "google_bigquery_dataset"
	some entry in input.resource.access
}

access_entries contains input.resource if input.type == "google_bigquery_dataset_access"

public_access contains v if {
	some entry in access_entries
	some key in ["special_group", "iam_member"]
	entry[key] in iam.public_members
	v := {
		"location": lib.attr_loc(entry, key),
		"message": sprintf("BigQuery dataset %q grants %v to %s", [input.name, object.get(entry, "role", "access"), entry[key]]),
	}
}

public_access contains v if {
	input.type in object.keys(iam_kinds)
	some key in {g.key | some g in iam.public_grants}
	gs := {g | some g in iam.public_grants; g.key == key}
	v := {
		"location": lib.attr_loc(input.resource, key),
		"message": sprintf("%s %q grants access to the public: %s", [iam_kinds[input.type], input.name, iam.describe(gs)]),
	}
}
