package tollgate.access.kubernetes.masters_binding_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.masters_binding
import rego.v1

#  6 roleRef:
#  7   kind: ClusterRole
#  8   name: ROLE
#  9 subjects:
# 10   - kind: Group
# 11     name: SUBJECT
binding(kind, name, role, subject) := fx.manifest(
	"rbac.authorization.k8s.io/v1", kind, name, {
		"roleRef": {"kind": "ClusterRole", "name": role, "__loc": fx.L(6, 8, {"kind": 7, "name": 8})},
		"subjects": [{"kind": "Group", "name": subject, "__loc": fx.L(10, 11, {"kind": 10, "name": 11})}],
	},
	{"subjects": [9, 11]}, 11,
)

test_tg_k8s_142_violation if {
	f := fx.only(masters_binding.deny, "TG-K8S-142") with input as binding("RoleBinding", "ops", "edit", "system:masters")
	f.location == fx.at(10, 11)
	f.message == `RoleBinding "ops" binds "edit" to the system:masters group, which bypasses authorization`

	count(fx.ids(masters_binding.deny, "TG-K8S-142")) == 1 with input as binding("ClusterRoleBinding", "admins", "cluster-admin", "system:masters")
}

test_tg_k8s_142_compliant if {
	count(fx.ids(masters_binding.deny, "TG-K8S-142")) == 0 with input as binding("RoleBinding", "ops", "edit", "platform-team")

	# The binding every cluster starts with.
	count(fx.ids(masters_binding.deny, "TG-K8S-142")) == 0 with input as binding("ClusterRoleBinding", "cluster-admin", "cluster-admin", "system:masters")
}
