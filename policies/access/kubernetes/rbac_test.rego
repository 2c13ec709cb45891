package tollgate.access.kubernetes.rbac_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.rbac
import rego.v1

# rule(start, groups, resources, verbs) is an RBAC rule on lines start..start+2:
#   - apiGroups: GROUPS
#     resources: RESOURCES
#     verbs: VERBS
rule(start, groups, resources, verbs) := {
	"apiGroups": groups,
	"resources": resources,
	"verbs": verbs,
	"__loc": fx.L(start, start + 2, {"apiGroups": start, "resources": start + 1, "verbs": start + 2}),
}

# named(r, names) is rule r limited to resourceNames.
named(r, names) := object.union(r, {"resourceNames": names})

# role(kind, name, rules) is a Role or ClusterRole whose rules start on line 7:
#  6 rules:
#  7   - ...
role(kind, name, rules) := fx.manifest("rbac.authorization.k8s.io/v1", kind, name, {"rules": rules}, {"rules": [6, 30]}, 30)

#  7   - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
# 10   - {apiGroups: [""], resources: [secrets, configmaps], verbs: [get, list]}
# 13   - {apiGroups: [""], resources: [pods/exec, pods/log], verbs: [create]}
# 16   - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles, clusterrolebindings], verbs: [bind, escalate, impersonate]}
# 19   - {apiGroups: [""], resources: [nodes/proxy, serviceaccounts/token, persistentvolumes], verbs: [get, create]}
# 22   - {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [patch]}
# 25   - {apiGroups: [certificates.k8s.io], resources: ["*/approval"], verbs: [update]}
# 28   - {apiGroups: [apps], resources: [deployments], verbs: ["*"]}
ops := role("ClusterRole", "ops", [
	rule(7, ["*"], ["*"], ["*"]),
	rule(10, [""], ["secrets", "configmaps"], ["get", "list"]),
	rule(13, [""], ["pods/exec", "pods/log"], ["create"]),
	rule(16, ["rbac.authorization.k8s.io"], ["clusterroles", "clusterrolebindings"], ["bind", "escalate", "impersonate"]),
	rule(19, [""], ["nodes/proxy", "serviceaccounts/token", "persistentvolumes"], ["get", "create"]),
	rule(22, ["admissionregistration.k8s.io"], ["validatingwebhookconfigurations"], ["patch"]),
	rule(25, ["certificates.k8s.io"], ["*/approval"], ["update"]),
	rule(28, ["apps"], ["deployments"], ["*"]),
])

#  7   - {apiGroups: [""], resources: [configmaps, pods, pods/log], verbs: [get, list, watch]}
# 10   - {apiGroups: [""], resources: [secrets], resourceNames: [web-tls], verbs: [get]}
# 13   - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [view], verbs: [bind]}
# 16   - {apiGroups: [apps], resources: [deployments/scale], verbs: [get, patch]}
viewer := role("Role", "viewer", [
	rule(7, [""], ["configmaps", "pods", "pods/log"], ["get", "list", "watch"]),
	named(rule(10, [""], ["secrets"], ["get"]), ["web-tls"]),
	named(rule(13, ["rbac.authorization.k8s.io"], ["clusterroles"], ["bind"]), ["view"]),
	rule(16, ["apps"], ["deployments/scale"], ["get", "patch"]),
])

role_ids := {"TG-K8S-121", "TG-K8S-033", "TG-K8S-034", "TG-K8S-035", "TG-K8S-036", "TG-K8S-037", "TG-K8S-039", "TG-K8S-040", "TG-K8S-041", "TG-K8S-042", "TG-K8S-043"}

test_role_rules_fire_once_each_on_ops if {
	findings := rbac.deny with input as ops
	every id in role_ids {
		count(fx.ids(findings, id)) == 1
	}
}

test_role_rules_compliant_on_viewer if {
	count(rbac.deny) == 0 with input as viewer
}

test_tg_k8s_033_violation if {
	f := fx.only(rbac.deny, "TG-K8S-033") with input as ops
	f.location == fx.at(7, 9)
	f.message == `ClusterRole "ops" grants every verb on every resource`
}

test_tg_k8s_033_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-033")) == 0 with input as viewer
}

test_tg_k8s_034_violation if {
	f := fx.only(rbac.deny, "TG-K8S-034") with input as ops
	f.location == fx.at(28, 30)
	f.message == `ClusterRole "ops" uses a wildcard in verbs`
}

test_tg_k8s_034_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-034")) == 0 with input as viewer
}

test_tg_k8s_035_violation if {
	f := fx.only(rbac.deny, "TG-K8S-035") with input as ops
	f.location == fx.at(10, 12)
	f.message == `ClusterRole "ops" can read Secrets (get, list)`
}

test_tg_k8s_035_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-035")) == 0 with input as viewer
}

test_tg_k8s_035_wildcard_resources_fire if {
	r := role("Role", "reader", [rule(7, [""], ["*"], ["watch"])])
	findings := rbac.deny with input as r
	f := fx.only(findings, "TG-K8S-035")
	f.message == `Role "reader" can read Secrets (watch)`
	count(fx.ids(findings, "TG-K8S-034")) == 1
}

test_tg_k8s_035_other_api_group_is_compliant if {
	r := role("Role", "crd", [rule(7, ["example.com"], ["secrets"], ["get"])])
	count(rbac.deny) == 0 with input as r
}

test_tg_k8s_036_violation if {
	f := fx.only(rbac.deny, "TG-K8S-036") with input as ops
	f.location == fx.at(13, 15)
	f.message == `ClusterRole "ops" can exec into pods (pods/exec)`
}

test_tg_k8s_036_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-036")) == 0 with input as viewer
}

test_tg_k8s_036_get_on_attach_fires if {
	r := role("Role", "debug", [rule(7, [""], ["pods/attach", "pods/exec"], ["get"])])
	f := fx.only(rbac.deny, "TG-K8S-036") with input as r
	f.message == `Role "debug" can exec into pods (pods/attach, pods/exec)`
}

test_tg_k8s_037_violation if {
	f := fx.only(rbac.deny, "TG-K8S-037") with input as ops
	f.location == fx.at(16, 18)
	f.message == `ClusterRole "ops" grants privilege escalation verbs (bind, escalate, impersonate)`
}

test_tg_k8s_037_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-037")) == 0 with input as viewer
}

test_tg_k8s_037_named_impersonation_still_fires if {
	r := role("ClusterRole", "imp", [named(rule(7, [""], ["users"], ["impersonate"]), ["alice"])])
	f := fx.only(rbac.deny, "TG-K8S-037") with input as r
	f.message == `ClusterRole "imp" grants privilege escalation verbs (impersonate)`
}

test_tg_k8s_039_violation if {
	f := fx.only(rbac.deny, "TG-K8S-039") with input as ops
	f.location == fx.at(19, 21)
	f.message == `ClusterRole "ops" can proxy to the kubelet (nodes/proxy: create, get)`
}

test_tg_k8s_039_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-039")) == 0 with input as viewer
}

test_tg_k8s_040_violation if {
	f := fx.only(rbac.deny, "TG-K8S-040") with input as ops
	f.location == fx.at(19, 21)
	f.message == `ClusterRole "ops" can create service account tokens (serviceaccounts/token: create)`
}

test_tg_k8s_040_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-040")) == 0 with input as viewer
}

test_tg_k8s_041_violation if {
	f := fx.only(rbac.deny, "TG-K8S-041") with input as ops
	f.location == fx.at(22, 24)
	f.message == `ClusterRole "ops" can change admission webhooks (validatingwebhookconfigurations)`
}

test_tg_k8s_041_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-041")) == 0 with input as viewer
}

test_tg_k8s_041_read_only_is_compliant if {
	r := role("ClusterRole", "audit", [rule(7, ["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"], ["get", "list"])])
	count(rbac.deny) == 0 with input as r
}

test_tg_k8s_042_violation if {
	f := fx.only(rbac.deny, "TG-K8S-042") with input as ops
	f.location == fx.at(25, 27)
	f.message == `ClusterRole "ops" can approve certificate signing requests (update)`
}

test_tg_k8s_042_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-042")) == 0 with input as viewer
}

test_tg_k8s_043_violation if {
	f := fx.only(rbac.deny, "TG-K8S-043") with input as ops
	f.location == fx.at(19, 21)
	f.message == `ClusterRole "ops" can create PersistentVolumes (create)`
}

test_tg_k8s_043_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-043")) == 0 with input as viewer
}

test_role_rules_tolerate_malformed_rules if {
	r := role("Role", "odd", ["x", {"verbs": "*", "resources": ["*"], "__loc": fx.L(8, 8, {})}])
	findings := rbac.deny with input as r
	{f.rule_id | some f in findings} == {"TG-K8S-034"}
}

#  1 apiVersion: rbac.authorization.k8s.io/v1
#  2 kind: KIND
#  3 metadata:
#  4   name: ci
#  5   namespace: shop
#  6 roleRef:
#  7   apiGroup: rbac.authorization.k8s.io
#  8   kind: ClusterRole
#  9   name: ROLE
# 10 subjects:
# 11   - kind: ServiceAccount
# 12     name: deployer
# 13     namespace: ci
# 14   - kind: Group
# 15     name: GROUP
binding(kind, role_name, group) := fx.manifest(
	"rbac.authorization.k8s.io/v1", kind, "ci", {
		"roleRef": {
			"apiGroup": "rbac.authorization.k8s.io",
			"kind": "ClusterRole",
			"name": role_name,
			"__loc": fx.L(6, 9, {"apiGroup": 7, "kind": 8, "name": 9}),
		},
		"subjects": [
			{"kind": "ServiceAccount", "name": "deployer", "namespace": "ci", "__loc": fx.L(11, 13, {"kind": 11, "name": 12, "namespace": 13})},
			{"kind": "Group", "name": group, "__loc": fx.L(14, 15, {"kind": 14, "name": 15})},
		],
	},
	{"subjects": [10, 15]}, 15,
)

test_tg_k8s_032_violation if {
	f := fx.only(rbac.deny, "TG-K8S-032") with input as binding("ClusterRoleBinding", "cluster-admin", "ops")
	f.location == fx.at(9, 9)
	f.message == `ClusterRoleBinding "ci" grants cluster-admin (every resource, cluster-wide) to Group ops, ServiceAccount ci/deployer`
}

test_tg_k8s_032_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-032")) == 0 with input as binding("ClusterRoleBinding", "view", "ops")
}

test_tg_k8s_032_role_binding_names_its_namespace if {
	f := fx.only(rbac.deny, "TG-K8S-032") with input as binding("RoleBinding", "cluster-admin", "ops")
	f.message == `RoleBinding "ci" grants cluster-admin (every resource of namespace shop) to Group ops, ServiceAccount ci/deployer`
}

test_tg_k8s_032_system_masters_is_built_in if {
	d := json.remove(binding("ClusterRoleBinding", "cluster-admin", "system:masters"), ["resource/subjects/0"])
	count(fx.ids(rbac.deny, "TG-K8S-032")) == 0 with input as d
}

test_tg_k8s_038_violation if {
	f := fx.only(rbac.deny, "TG-K8S-038") with input as binding("ClusterRoleBinding", "view", "system:unauthenticated")
	f.location == fx.at(15, 15)
	f.message == `ClusterRoleBinding "ci" grants ClusterRole "view" to system:unauthenticated (every unauthenticated request)`
}

test_tg_k8s_038_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-038")) == 0 with input as binding("ClusterRoleBinding", "view", "ops")
}

test_tg_k8s_038_all_public_subjects_fire if {
	every g in ["system:anonymous", "system:unauthenticated", "system:authenticated"] {
		count(fx.ids(rbac.deny, "TG-K8S-038")) == 1 with input as binding("RoleBinding", "edit", g)
	}
}

test_tg_k8s_038_built_in_public_roles_ignored if {
	every r in ["system:discovery", "system:basic-user", "system:public-info-viewer"] {
		count(fx.ids(rbac.deny, "TG-K8S-038")) == 0 with input as binding("ClusterRoleBinding", r, "system:authenticated")
	}
}

test_tg_k8s_035_change_verbs if {
	r := role("Role", "rotator", [rule(7, [""], ["secrets"], ["create", "patch"])])
	f := fx.only(rbac.deny, "TG-K8S-035") with input as r
	f.location == fx.at(7, 9)
	f.message == `Role "rotator" can change Secrets (create, patch)`
	w := role("Role", "all", [rule(7, [""], ["secrets"], ["*"])])
	g := fx.only(rbac.deny, "TG-K8S-035") with input as w
	g.message == `Role "all" can read and change Secrets (*)`
}

test_tg_k8s_121_violation if {
	f := fx.only(rbac.deny, "TG-K8S-121") with input as ops
	f.location == fx.at(28, 30)
	f.message == `ClusterRole "ops" can create or change workloads (deployments)`
	r := role("Role", "runner", [rule(7, ["", "batch"], ["pods", "jobs", "pods/log"], ["create", "get"])])
	g := fx.only(rbac.deny, "TG-K8S-121") with input as r
	g.message == `Role "runner" can create or change workloads (jobs, pods)`
	one := role("Role", "one", [named(rule(7, ["apps"], ["deployments"], ["patch"]), ["web"])])
	count(fx.ids(rbac.deny, "TG-K8S-121")) == 1 with input as one
}

test_tg_k8s_121_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-121")) == 0 with input as viewer
	# Every verb on every resource is TG-K8S-033's.
	count(fx.ids(rbac.deny, "TG-K8S-121")) == 0 with input as role("Role", "x", [rule(7, ["*"], ["*"], ["*"])])
}

test_tg_k8s_122_violation if {
	r := role("Role", "config", [rule(7, [""], ["configmaps"], ["update"])])
	f := fx.only(rbac.deny, "TG-K8S-122") with input as r
	f.location == fx.at(7, 9)
	f.message == `Role "config" can change ConfigMaps`
	aws := role("Role", "auth", [named(rule(7, [""], ["configmaps"], ["patch", "get"]), ["aws-auth"])])
	g := fx.only(rbac.deny, "TG-K8S-122") with input as aws
	g.message == `Role "auth" can change the aws-auth ConfigMap, which maps AWS identities to Kubernetes users and groups`
	own := role("Role", "own", [named(rule(7, [""], ["configmaps"], ["patch"]), ["app-settings"])])
	h := fx.only(rbac.deny, "TG-K8S-122") with input as own
	h.message == `Role "own" can change ConfigMaps app-settings`
}

test_tg_k8s_122_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-122")) == 0 with input as viewer
	read := role("Role", "read", [named(rule(7, [""], ["configmaps"], ["get"]), ["app-settings"])])
	count(fx.ids(rbac.deny, "TG-K8S-122")) == 0 with input as read
}

test_tg_k8s_123_violation if {
	r := role("ClusterRole", "net", [rule(7, ["", "networking.k8s.io"], ["services", "networkpolicies"], ["delete", "list"])])
	f := fx.only(rbac.deny, "TG-K8S-123") with input as r
	f.location == fx.at(7, 9)
	f.message == `ClusterRole "net" can change network configuration (networkpolicies, services)`
}

test_tg_k8s_123_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-123")) == 0 with input as viewer
	r := role("ClusterRole", "net", [rule(7, ["", "networking.k8s.io"], ["services", "networkpolicies"], ["get", "list"])])
	count(fx.ids(rbac.deny, "TG-K8S-123")) == 0 with input as r
}

# binding_of(kind, name, role_name, subjects): roleRef on lines 6-9 (name on 9),
# subjects from line 10, each subject's name on its own line.
#  6 roleRef:
#  7   apiGroup: rbac.authorization.k8s.io
#  8   kind: ClusterRole
#  9   name: ROLE
# 10 subjects:
# 11   - kind: ServiceAccount
# 12     name: NAME
binding_of(kind, role_name, subject) := fx.manifest("rbac.authorization.k8s.io/v1", kind, "b", {
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role_name, "__loc": fx.L(6, 9, {"apiGroup": 7, "kind": 8, "name": 9})},
	"subjects": [object.union(subject, {"__loc": fx.L(11, 13, {"kind": 11, "name": 12, "namespace": 13})})],
}, {"roleRef": [6, 9], "subjects": [10, 13]}, 13)

test_tg_k8s_124_violation if {
	b := binding_of("RoleBinding", "edit", {"kind": "Group", "name": "developers"})
	f := fx.only(rbac.deny, "TG-K8S-124") with input as b
	f.location == fx.at(9, 9)
	f.message == `RoleBinding "b" grants the edit ClusterRole in namespace shop to Group developers`
}

test_tg_k8s_124_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-124")) == 0 with input as binding_of("RoleBinding", "view", {"kind": "Group", "name": "developers"})
}

test_tg_k8s_125_violation if {
	b := binding_of("ClusterRoleBinding", "view", {"kind": "ServiceAccount", "name": "default", "namespace": "shop"})
	f := fx.only(rbac.deny, "TG-K8S-125") with input as b
	f.location == fx.at(12, 12)
	f.message == `ClusterRoleBinding "b" grants ClusterRole "view" to the default service account of namespace shop`
}

test_tg_k8s_125_compliant if {
	b := binding_of("ClusterRoleBinding", "view", {"kind": "ServiceAccount", "name": "web", "namespace": "shop"})
	count(fx.ids(rbac.deny, "TG-K8S-125")) == 0 with input as b
}

test_tg_k8s_123_service_status if {
	r := role("ClusterRole", "lb", [rule(7, [""], ["services/status"], ["patch"])])
	f := fx.only(rbac.deny, "TG-K8S-123") with input as r
	f.message == `ClusterRole "lb" can change network configuration (services/status)`
}

test_tg_k8s_131_violation if {
	r := role("Role", "binder", [rule(7, ["*"], ["rolebindings"], ["get", "patch"])])
	f := fx.only(rbac.deny, "TG-K8S-131") with input as r
	f.location == fx.at(7, 9)
	f.message == `Role "binder" can create or change role bindings (rolebindings)`
}

test_tg_k8s_131_compliant if {
	count(fx.ids(rbac.deny, "TG-K8S-131")) == 0 with input as viewer
	r := role("Role", "reader", [rule(7, ["rbac.authorization.k8s.io"], ["rolebindings"], ["get", "list"])])
	count(fx.ids(rbac.deny, "TG-K8S-131")) == 0 with input as r
}
