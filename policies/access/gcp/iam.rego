package tollgate.access.gcp.iam

import data.tollgate.access.gcp.iam_members as iam
import data.tollgate.lib
import rego.v1

# IAM resources on the resource hierarchy: projects, folders, the organization.
hierarchy_kinds := {
	"google_project_iam_binding": "project IAM binding",
	"google_project_iam_member": "project IAM member",
	"google_project_iam_policy": "project IAM policy",
	"google_folder_iam_binding": "folder IAM binding",
	"google_folder_iam_member": "folder IAM member",
	"google_folder_iam_policy": "folder IAM policy",
	"google_organization_iam_binding": "organization IAM binding",
	"google_organization_iam_member": "organization IAM member",
	"google_organization_iam_policy": "organization IAM policy",
}

basic_roles := {"roles/owner", "roles/editor"}

# METADATA
# title: Basic Owner or Editor role granted on a project, folder or organization
# description: |
#   A project, folder or organization IAM binding, member or policy grants roles/owner or
#   roles/editor: thousands of permissions over nearly every service, far beyond what any
#   person or workload needs, so one compromised identity can read, change or delete
#   almost everything below that node of the hierarchy.
# related_resources:
# - https://cloud.google.com/iam/docs/understanding-roles#basic
# - https://cloud.google.com/iam/docs/using-iam-securely#least_privilege
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam
# custom:
#   id: TG-GCP-015
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Replace the basic role with predefined or custom roles scoped to the job (e.g. roles/compute.admin, roles/storage.objectViewer), and use IAM Recommender to trim existing grants.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-2"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {
		"google_folder_iam_binding",
		"google_folder_iam_member",
		"google_folder_iam_policy",
		"google_organization_iam_binding",
		"google_organization_iam_member",
		"google_organization_iam_policy",
		"google_project_iam_binding",
		"google_project_iam_member",
		"google_project_iam_policy",
	}
	some key in {g.key | some g in iam.grants}
	gs := {g | some g in iam.grants; g.key == key; g.role in basic_roles}
	count(gs) > 0
	msg := sprintf("%s %q grants a basic role: %s", [hierarchy_kinds[input.type], input.name, iam.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, role_key(key)), msg)
}

# The role attribute of a binding or member; a policy has only policy_data.
role_key("policy_data") := "policy_data"

role_key(key) := "role" if key != "policy_data"

impersonation_roles := {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}

# METADATA
# title: Service account impersonation granted on a whole project, folder or organization
# description: |
#   roles/iam.serviceAccountUser or roles/iam.serviceAccountTokenCreator is granted on a
#   project, folder or organization instead of on individual service accounts: the grantee
#   can act as, or mint tokens for, every service account below it, including the most
#   privileged ones, and so escalate to their roles.
# related_resources:
# - https://cloud.google.com/iam/docs/service-account-permissions
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_service_account_iam
# custom:
#   id: TG-GCP-016
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Grant these roles on the specific service accounts with google_service_account_iam_member, not on the project, folder or organization.
#   frameworks:
#     cis-gcp-2.0: ["1.6"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {
		"google_folder_iam_binding",
		"google_folder_iam_member",
		"google_folder_iam_policy",
		"google_organization_iam_binding",
		"google_organization_iam_member",
		"google_organization_iam_policy",
		"google_project_iam_binding",
		"google_project_iam_member",
		"google_project_iam_policy",
	}
	some key in {g.key | some g in iam.grants}
	gs := {g | some g in iam.grants; g.key == key; g.role in impersonation_roles}
	count(gs) > 0
	msg := sprintf("%s %q grants service account impersonation on every service account below it: %s", [hierarchy_kinds[input.type], input.name, iam.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, role_key(key)), msg)
}

# METADATA
# title: User-managed service account key
# description: |
#   A google_service_account_key creates a key for a service account: a long-lived
#   credential that works from anywhere, is copied into files, CI variables and images,
#   never expires unless rotated by hand, and is the most common way GCP projects are
#   breached.
# related_resources:
# - https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys
# - https://cloud.google.com/iam/docs/workload-identity-federation
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_service_account_key
# custom:
#   id: TG-GCP-017
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Remove the key; attach the service account to the workload, use Workload Identity (GKE) or Workload Identity Federation (CI and other clouds), or short-lived impersonation tokens. Enforce the iam.disableServiceAccountKeyCreation organization policy.
#   frameworks:
#     cis-gcp-2.0: ["1.4"]
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.6.3"]
deny contains finding if {
	input.type == "google_service_account_key"
	msg := sprintf("service account key %q is a user-managed, long-lived credential", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

# Resources whose IAM must never grant access to allUsers or allAuthenticatedUsers
# (buckets, KMS keys and BigQuery datasets have rules of their own).
sensitive_resources := {
	"google_pubsub_topic": "Pub/Sub topic",
	"google_pubsub_subscription": "Pub/Sub subscription",
	"google_secret_manager_secret": "Secret Manager secret",
	"google_service_account": "service account",
	"google_artifact_registry_repository": "Artifact Registry repository",
	"google_compute_image": "compute image",
	"google_compute_disk": "compute disk",
	"google_compute_snapshot": "compute snapshot",
	"google_spanner_instance": "Spanner instance",
	"google_spanner_database": "Spanner database",
	"google_bigtable_instance": "Bigtable instance",
	"google_bigtable_table": "Bigtable table",
	"google_dataproc_cluster": "Dataproc cluster",
	"google_project": "project",
}

# iam_kinds maps each *_iam_binding, *_iam_member and *_iam_policy type of the sensitive
# resources to the resource's name.
iam_kinds := {sprintf("%s_iam_%s", [type, suffix]): name |
	some type, name in sensitive_resources
	some suffix in ["binding", "member", "policy"]
}

# METADATA
# title: Resource IAM grants access to all users
# description: |
#   An IAM binding, member or policy of a Pub/Sub topic or subscription, Secret Manager
#   secret, service account, Artifact Registry repository, compute image, disk or
#   snapshot, Spanner instance or database, Bigtable instance or table, Dataproc cluster,
#   or project grants a role to allUsers or allAuthenticatedUsers: anyone on the
#   internet, or anyone with a Google account, gets that role on it.
# related_resources:
# - https://cloud.google.com/iam/docs/principal-identifiers#allusers
# - https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains
# custom:
#   id: TG-GCP-018
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Remove the allUsers and allAuthenticatedUsers members and grant the role to the specific users, groups or service accounts that need it; enforce the iam.allowedPolicyMemberDomains organization policy.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type in {
		"google_artifact_registry_repository_iam_binding",
		"google_artifact_registry_repository_iam_member",
		"google_artifact_registry_repository_iam_policy",
		"google_bigtable_instance_iam_binding",
		"google_bigtable_instance_iam_member",
		"google_bigtable_instance_iam_policy",
		"google_bigtable_table_iam_binding",
		"google_bigtable_table_iam_member",
		"google_bigtable_table_iam_policy",
		"google_compute_disk_iam_binding",
		"google_compute_disk_iam_member",
		"google_compute_disk_iam_policy",
		"google_compute_image_iam_binding",
		"google_compute_image_iam_member",
		"google_compute_image_iam_policy",
		"google_compute_snapshot_iam_binding",
		"google_compute_snapshot_iam_member",
		"google_compute_snapshot_iam_policy",
		"google_dataproc_cluster_iam_binding",
		"google_dataproc_cluster_iam_member",
		"google_dataproc_cluster_iam_policy",
		"google_project_iam_binding",
		"google_project_iam_member",
		"google_project_iam_policy",
		"google_pubsub_subscription_iam_binding",
		"google_pubsub_subscription_iam_member",
		"google_pubsub_subscription_iam_policy",
		"google_pubsub_topic_iam_binding",
		"google_pubsub_topic_iam_member",
		"google_pubsub_topic_iam_policy",
		"google_secret_manager_secret_iam_binding",
		"google_secret_manager_secret_iam_member",
		"google_secret_manager_secret_iam_policy",
		"google_service_account_iam_binding",
		"google_service_account_iam_member",
		"google_service_account_iam_policy",
		"google_spanner_database_iam_binding",
		"google_spanner_database_iam_member",
		"google_spanner_database_iam_policy",
		"google_spanner_instance_iam_binding",
		"google_spanner_instance_iam_member",
		"google_spanner_instance_iam_policy",
	}
	some key in {g.key | some g in iam.public_grants}
	gs := {g | some g in iam.public_grants; g.key == key}
	msg := sprintf("%s IAM %q grants access to the public: %s", [iam_kinds[input.type], input.name, iam.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, key), msg)
}
