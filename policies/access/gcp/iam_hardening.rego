package tollgate.access.gcp.iam_hardening

import data.tollgate.access.gcp.iam
import data.tollgate.access.gcp.iam_members as members
import data.tollgate.lib
import rego.v1

# METADATA
# title: IAM role granted directly to a user account
# description: |
#   A project, folder or organization IAM member, binding or policy grants a role to a
#   user: account. Access held by individuals is hard to review and is not removed when the
#   person changes team; granting roles to groups makes it a matter of group membership.
# related_resources:
# - https://cloud.google.com/iam/docs/using-iam-securely#policy_management
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam
# custom:
#   id: TG-GCP-098
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Grant the role to a group (group:team@example.com) and manage who belongs to it in Cloud Identity.
#   frameworks:
#     nist-800-53: ["AC-2", "AC-6"]
#     soc2: ["CC6.2"]
#     pci-dss-4.0: ["7.2.4"]
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
	some key in {g.key | some g in members.grants}
	gs := {g | some g in members.grants; g.key == key; startswith(g.member, "user:")}
	count(gs) > 0
	msg := sprintf("%s %q grants roles directly to users: %s", [iam.hierarchy_kinds[input.type], input.name, members.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, key), msg)
}

# Consumer mail domains: accounts outside the organisation's control.
personal_domains := {
	"aol.com", "gmail.com", "googlemail.com", "hotmail.com", "icloud.com", "live.com",
	"mail.com", "outlook.com", "proton.me", "protonmail.com", "yahoo.com", "zoho.com",
}

# METADATA
# title: IAM role granted to a personal email account
# description: |
#   A project, folder or organization IAM member, binding or policy grants a role to a
#   user: account of a consumer mail domain (gmail.com, outlook.com, yahoo.com...): the
#   organisation cannot enforce its password, MFA and offboarding policies on that account,
#   and keeps no control over it after the person leaves.
# related_resources:
# - https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam
# custom:
#   id: TG-GCP-099
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Grant roles only to accounts of the organisation's Cloud Identity or Workspace domain, and enforce the iam.allowedPolicyMemberDomains organisation policy.
#   frameworks:
#     cis-gcp-2.0: ["1.1"]
#     nist-800-53: ["AC-2", "IA-2"]
#     soc2: ["CC6.2"]
#     pci-dss-4.0: ["8.2.1"]
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
	some key in {g.key | some g in members.grants}
	gs := {g | some g in members.grants; g.key == key; personal(g.member)}
	count(gs) > 0
	msg := sprintf("%s %q grants roles to personal email accounts: %s", [iam.hierarchy_kinds[input.type], input.name, members.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, key), msg)
}

personal(member) if {
	startswith(member, "user:")
	parts := split(member, "@")
	count(parts) == 2
	lower(parts[1]) in personal_domains
}

# METADATA
# title: Service account granted an administrator role
# description: |
#   A project, folder or organization IAM member, binding or policy grants a service
#   account a predefined administrator role (a role whose name contains "admin", such as
#   roles/iam.securityAdmin, roles/storage.admin or roles/container.clusterAdmin): whoever
#   runs code as that account, or steals one of its keys, administers the whole service.
#   Owner and Editor are reported by TG-GCP-015.
# related_resources:
# - https://cloud.google.com/iam/docs/best-practices-service-accounts#restrict-admin-privileges
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam
# custom:
#   id: TG-GCP-100
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Grant the service account only the specific roles (or a custom role) its workload needs, on the narrowest resource.
#   frameworks:
#     cis-gcp-2.0: ["1.5"]
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
	some key in {g.key | some g in members.grants}
	gs := {g | some g in members.grants; g.key == key; startswith(g.member, "serviceAccount:"); admin_role(g.role)}
	count(gs) > 0
	msg := sprintf("%s %q grants administrator roles to service accounts: %s", [iam.hierarchy_kinds[input.type], input.name, members.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, iam.role_key(key)), msg)
}

admin_role(role) if {
	is_string(role)
	contains(lower(role), "admin")
}

# METADATA
# title: IAM role granted to a default service account
# description: |
#   A project, folder or organization IAM member, binding or policy grants a role to the
#   Compute Engine default service account (PROJECT_NUMBER-compute@developer.gserviceaccount.com)
#   or the App Engine default service account (PROJECT_ID@appspot.gserviceaccount.com).
#   Every VM, GKE node and App Engine or Cloud Functions workload created without its own
#   account runs as these accounts, so whatever they are granted is granted to all of them.
# related_resources:
# - https://cloud.google.com/iam/docs/service-account-types#default
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam
# custom:
#   id: TG-GCP-101
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Create a dedicated service account per workload, grant the roles to it, and run the workloads as that account.
#   frameworks:
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
	some key in {g.key | some g in members.grants}
	gs := {g | some g in members.grants; g.key == key; default_account(g.member)}
	count(gs) > 0
	msg := sprintf("%s %q grants roles to a default service account: %s", [iam.hierarchy_kinds[input.type], input.name, members.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, key), msg)
}

default_account(member) if endswith(member, "-compute@developer.gserviceaccount.com")

default_account(member) if endswith(member, "@appspot.gserviceaccount.com")

# METADATA
# title: Basic Viewer role granted on a project, folder or organization
# description: |
#   A project, folder or organization IAM member, binding or policy grants roles/viewer:
#   read access to almost every resource and its configuration below that level (instance
#   metadata, bucket and dataset listings, firewall rules, IAM policies), far more than any
#   one job needs. Owner and Editor are reported by TG-GCP-015.
# related_resources:
# - https://cloud.google.com/iam/docs/understanding-roles#basic
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_iam
# custom:
#   id: TG-GCP-102
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Replace roles/viewer with the predefined viewer roles of the services the principal needs (roles/compute.viewer, roles/storage.objectViewer...).
#   frameworks:
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
	some key in {g.key | some g in members.grants}
	gs := {g | some g in members.grants; g.key == key; g.role == "roles/viewer"}
	count(gs) > 0
	msg := sprintf("%s %q grants the basic Viewer role: %s", [iam.hierarchy_kinds[input.type], input.name, members.describe(gs)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource, iam.role_key(key)), msg)
}
