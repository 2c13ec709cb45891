package tollgate.access.kubernetes.service_account_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.service_account as sa
import rego.v1

#  8     spec:
#  9       containers:
# 10         - name: app
# 11           image: nginx:1.27
bare_spec := {
	"containers": [{"name": "app", "image": "nginx:1.27", "__loc": fx.L(10, 11, {"name": 10, "image": 11})}],
	"__loc": fx.L(8, 11, {"containers": [9, 11]}),
}

#  8     spec:
#  9       serviceAccountName: web
# 10       automountServiceAccountToken: false
# 11       containers:
# 12         - name: app
# 13           image: nginx:1.27
own_spec := {
	"serviceAccountName": "web",
	"automountServiceAccountToken": false,
	"containers": [{"name": "app", "image": "nginx:1.27", "__loc": fx.L(12, 13, {"name": 12, "image": 13})}],
	"__loc": fx.L(8, 13, {"serviceAccountName": 9, "automountServiceAccountToken": 10, "containers": [11, 13]}),
}

test_tg_k8s_029_violation if {
	f := fx.only(sa.deny, "TG-K8S-029") with input as fx.deployment(bare_spec)
	f.location == fx.at(8, 11)
	f.message == `Deployment "web" mounts its service account token by default (automountServiceAccountToken is not set)`
}

test_tg_k8s_029_compliant if {
	count(fx.ids(sa.deny, "TG-K8S-029")) == 0 with input as fx.deployment(own_spec)
}

test_tg_k8s_029_explicit_true_is_deliberate if {
	spec := object.union(bare_spec, {"automountServiceAccountToken": true})
	count(fx.ids(sa.deny, "TG-K8S-029")) == 0 with input as fx.deployment(spec)
}

test_tg_k8s_030_violation if {
	spec := object.union(bare_spec, {"automountServiceAccountToken": true, "__loc": fx.L(8, 12, {"automountServiceAccountToken": 12, "containers": [9, 11]})})
	f := fx.only(sa.deny, "TG-K8S-030") with input as fx.pod(spec)
	f.location == fx.at(12, 12)
	f.message == `Pod "web" runs under the default service account with its token mounted`
}

# A pod that sets neither a service account nor the token is reported once,
# by TG-K8S-029, not twice at the same place.
test_tg_k8s_030_leaves_the_bare_pod_to_029 if {
	count(fx.ids(sa.deny, "TG-K8S-030")) == 0 with input as fx.pod(bare_spec)
	count(fx.ids(sa.deny, "TG-K8S-029")) == 1 with input as fx.pod(bare_spec)
}

test_tg_k8s_030_compliant if {
	count(fx.ids(sa.deny, "TG-K8S-030")) == 0 with input as fx.pod(own_spec)
}

test_tg_k8s_030_explicit_default_points_at_it if {
	spec := json.patch(own_spec, [
		{"op": "replace", "path": "/serviceAccountName", "value": "default"},
		{"op": "replace", "path": "/automountServiceAccountToken", "value": true},
	])
	f := fx.only(sa.deny, "TG-K8S-030") with input as fx.pod(spec)
	f.location == fx.at(9, 9)
}

test_tg_k8s_030_default_without_token_is_compliant if {
	spec := json.remove(own_spec, ["serviceAccountName"])
	count(fx.ids(sa.deny, "TG-K8S-030")) == 0 with input as fx.pod(spec)
}

test_tg_k8s_030_deprecated_service_account_field if {
	spec := object.union(bare_spec, {"serviceAccount": "web"})
	count(fx.ids(sa.deny, "TG-K8S-030")) == 0 with input as fx.pod(spec)
}

# 1 apiVersion: v1
# 2 kind: ServiceAccount
# 3 metadata:
# 4   name: NAME
# 5   namespace: shop
# 6 automountServiceAccountToken: VALUE
service_account(name, body) := fx.manifest("v1", "ServiceAccount", name, body, {k: 6 | some k, _ in body}, 6)

test_tg_k8s_031_violation if {
	f := fx.only(sa.deny, "TG-K8S-031") with input as service_account("default", {"automountServiceAccountToken": true})
	f.location == fx.at(6, 6)
	f.message == `default ServiceAccount of namespace "shop" mounts its token in every pod (automountServiceAccountToken is not false)`
}

test_tg_k8s_031_compliant if {
	count(fx.ids(sa.deny, "TG-K8S-031")) == 0 with input as service_account("default", {"automountServiceAccountToken": false})
	count(fx.ids(sa.deny, "TG-K8S-031")) == 0 with input as service_account("default", {"automountServiceAccountToken": "false"})
}

test_tg_k8s_031_unset_fires_on_the_manifest if {
	f := fx.only(sa.deny, "TG-K8S-031") with input as service_account("default", {})
	f.location == fx.at(1, 6)
}

test_tg_k8s_031_other_service_accounts_ignored if {
	count(sa.deny) == 0 with input as service_account("web", {})
}
