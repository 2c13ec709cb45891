package tollgate.access.kubernetes.pull_policy_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.pull_policy
import rego.v1

#  8     spec:
#  9       containers:
# 10         - name: app
# 11           image: IMAGE
# 12           imagePullPolicy: POLICY   (when given)
spec(image, policy) := {
	"containers": [object.union(
		{"name": "app", "image": image, "__loc": fx.L(10, 12, {"name": 10, "image": 11, "imagePullPolicy": 12})},
		policy,
	)],
	"__loc": fx.L(8, 12, {"containers": [9, 12]}),
}

digest := "sha256:6e5e7c2f8a2b8d1c4e0f9a3b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d"

test_tg_k8s_145_violation if {
	f := fx.only(pull_policy.deny, "TG-K8S-145") with input as fx.deployment(spec("registry.example/app:1.4", {}))
	f.location == fx.at(11, 11)
	f.message == `Deployment "web": container "app" pulls image "registry.example/app:1.4" only when the node lacks it (imagePullPolicy unset, IfNotPresent)`

	g := fx.only(pull_policy.deny, "TG-K8S-145") with input as fx.deployment(spec("nginx:latest", {"imagePullPolicy": "IfNotPresent"}))
	g.location == fx.at(12, 12)
	g.message == `Deployment "web": container "app" pulls image "nginx:latest" only when the node lacks it (imagePullPolicy IfNotPresent)`

	count(fx.ids(pull_policy.deny, "TG-K8S-145")) == 1 with input as fx.pod(spec("nginx:1.27", {"imagePullPolicy": "Never"}))
}

test_tg_k8s_145_compliant if {
	count(fx.ids(pull_policy.deny, "TG-K8S-145")) == 0 with input as fx.deployment(spec("nginx:1.27", {"imagePullPolicy": "Always"}))

	# The API server's default is Always for the latest tag or no tag.
	count(fx.ids(pull_policy.deny, "TG-K8S-145")) == 0 with input as fx.deployment(spec("nginx", {}))
	count(fx.ids(pull_policy.deny, "TG-K8S-145")) == 0 with input as fx.deployment(spec("nginx:latest", {}))

	# Pinned by digest.
	count(fx.ids(pull_policy.deny, "TG-K8S-145")) == 0 with input as fx.deployment(spec(concat("@", ["nginx:1.27", digest]), {"imagePullPolicy": "IfNotPresent"}))

	# A policy the template does not decide.
	templated := json.patch(fx.deployment(spec("nginx:1.27", {})), [{
		"op": "add", "path": "/resource/spec/template/spec/containers/0/__loc/attrs/imagePullPolicy",
		"value": {"start_line": 12, "end_line": 12, "unknown": true},
	}])
	count(fx.ids(pull_policy.deny, "TG-K8S-145")) == 0 with input as templated
}
