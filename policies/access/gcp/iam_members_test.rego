package tollgate.access.gcp.iam_members_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.access.gcp.iam_members
import rego.v1

test_binding_member_and_policy_grants if {
	binding := fx.resource("google_pubsub_topic_iam_binding", "b", fx.block("iam.tf", 1, 5, {"role": "roles/viewer", "members": ["allUsers", "user:a@example.com"]}, {"role": 2, "members": 3}))
	iam_members.grants == {
		{"role": "roles/viewer", "member": "allUsers", "key": "members"},
		{"role": "roles/viewer", "member": "user:a@example.com", "key": "members"},
	} with input as binding
	count(iam_members.public_grants) == 1 with input as binding
	member := fx.resource("google_pubsub_topic_iam_member", "m", fx.block("iam.tf", 1, 5, {"role": "roles/viewer", "member": "allAuthenticatedUsers"}, {"role": 2, "member": 3}))
	iam_members.location({"key": "member"}) == fx.loc("iam.tf", 3) with input as member
	policy := fx.resource("google_pubsub_topic_iam_policy", "p", fx.block("iam.tf", 1, 5, {"policy_data": `{"bindings":[{"role":"roles/viewer","members":["allUsers"]}]}`}, {"policy_data": 3}))
	iam_members.public_grants == {{"role": "roles/viewer", "member": "allUsers", "key": "policy_data"}} with input as policy
}

test_invalid_policy_data_is_ignored if {
	policy := fx.resource("google_pubsub_topic_iam_policy", "p", fx.block("iam.tf", 1, 5, {"policy_data": "not json"}, {"policy_data": 3}))
	count(iam_members.grants) == 0 with input as policy
}

test_describe if {
	iam_members.describe({{"member": "allUsers", "role": "roles/viewer"}, {"member": "allAuthenticatedUsers", "role": "roles/editor"}}) == `"allAuthenticatedUsers" (roles/editor), "allUsers" (roles/viewer)`
}
