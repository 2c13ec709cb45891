package tollgate.access.kubernetes.gatekeeper_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.gatekeeper
import rego.v1

#  6 spec:
#  7   parameters:
#  8     repos:
#  9       - REPO...
constraint(repos) := fx.manifest("constraints.gatekeeper.sh/v1beta1", "K8sAllowedRepos", "trusted", {"spec": {
	"parameters": {"repos": repos, "__loc": fx.L(7, 10, {"repos": [8, 10]})},
	"__loc": fx.L(6, 10, {}),
}}, {}, 10)

test_tg_k8s_130_violation if {
	f := fx.only(gatekeeper.deny, "TG-K8S-130") with input as constraint(["registry.example.com/team/", "docker.io/acme", "quay.io"])
	f.location == fx.at(8, 10)
	f.message == `K8sAllowedRepos "trusted" admits images from repositories that only start with docker.io/acme, quay.io (prefixes that do not end with /)`
}

test_tg_k8s_130_compliant if {
	count(gatekeeper.deny) == 0 with input as constraint(["registry.example.com/team/", "docker.io/acme/app:"])
}
