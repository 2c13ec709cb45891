# METADATA
# title: IAM grant helpers for the GCP rules
# description: |
#   The google provider grants IAM roles on a resource in three ways: *_iam_binding (one
#   role, a members list), *_iam_member (one role, one member) and *_iam_policy (a whole
#   policy as JSON in policy_data). grants lists the role-member pairs of the document
#   under evaluation, each with the attribute that holds the member.
package tollgate.access.gcp.iam_members

import data.tollgate.lib
import rego.v1

# The members that stand for everyone on the internet (allUsers) and every Google
# account (allAuthenticatedUsers).
public_members := {"allUsers", "allAuthenticatedUsers"}

# grants are the {role, member, key} grants of the *_iam_binding, *_iam_member or
# *_iam_policy resource under evaluation; key is the attribute to point at.
grants contains {"role": r.role, "member": member, "key": "members"} if {
	endswith(input.type, "_iam_binding")
	r := input.resource
	some member in r.members
	is_string(member)
}

grants contains {"role": r.role, "member": r.member, "key": "member"} if {
	endswith(input.type, "_iam_member")
	r := input.resource
	is_string(r.member)
}

grants contains {"role": binding.role, "member": member, "key": "policy_data"} if {
	endswith(input.type, "_iam_policy")
	policy := policy_document(input.resource.policy_data)
	some binding in policy.bindings
	some member in binding.members
	is_string(member)
}

policy_document(data_json) := json.unmarshal(data_json) if {
	is_string(data_json)
	json.is_valid(data_json)
}

# public_grants are the grants to allUsers or allAuthenticatedUsers.
public_grants contains g if {
	some g in grants
	g.member in public_members
}

# location(g) is the location of the attribute that holds grant g's member.
location(g) := lib.attr_loc(input.resource, g.key)

# describe(grants) names the public members and roles of grants, e.g.
# `"allUsers" (roles/storage.objectViewer)`.
describe(gs) := concat(", ", sort({sprintf("%q (%v)", [g.member, g.role]) | some g in gs}))
