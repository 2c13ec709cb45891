package tollgate.audit.kubernetes.pod_logs_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.audit.kubernetes.pod_logs
import rego.v1

#  6 rules:
#  7   - apiGroups: GROUPS
#  8     resources: RESOURCES
#  9     verbs: VERBS
role(kind, groups, resources, verbs) := fx.manifest(
	"rbac.authorization.k8s.io/v1", kind, "logs", {"rules": [{
		"apiGroups": groups,
		"resources": resources,
		"verbs": verbs,
		"__loc": fx.L(7, 9, {"apiGroups": 7, "resources": 8, "verbs": 9}),
	}]},
	{"rules": [6, 9]}, 9,
)

test_tg_k8s_140_violation if {
	f := fx.only(pod_logs.deny, "TG-K8S-140") with input as role("Role", [""], ["pods", "pods/log"], ["get", "delete"])
	f.location == fx.at(7, 9)
	f.message == `Role "logs" grants delete on pods/log`

	g := fx.only(pod_logs.deny, "TG-K8S-140") with input as role("ClusterRole", ["*"], ["*/log"], ["*"])
	g.message == `ClusterRole "logs" grants * on */log`

	count(fx.ids(pod_logs.deny, "TG-K8S-140")) == 1 with input as role("Role", [""], ["pods/log"], ["deletecollection", "delete"])
}

test_tg_k8s_140_compliant if {
	count(fx.ids(pod_logs.deny, "TG-K8S-140")) == 0 with input as role("Role", [""], ["pods/log"], ["get", "list", "watch"])
	count(fx.ids(pod_logs.deny, "TG-K8S-140")) == 0 with input as role("Role", [""], ["pods"], ["delete"])

	# Another API group has no pods/log.
	count(fx.ids(pod_logs.deny, "TG-K8S-140")) == 0 with input as role("Role", ["apps"], ["pods/log"], ["delete"])

	# Every verb on every resource is TG-K8S-033's.
	count(fx.ids(pod_logs.deny, "TG-K8S-140")) == 0 with input as role("ClusterRole", ["*"], ["*"], ["*"])
	count(fx.ids(pod_logs.deny, "TG-K8S-140")) == 0 with input as fx.with_type(role("Role", [""], ["pods/log"], ["delete"]), "RoleBinding")
}
