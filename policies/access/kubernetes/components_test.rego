package tollgate.access.kubernetes.components_test

import data.tollgate.access.kubernetes.components
import data.tollgate.access.kubernetes.fixtures_test as fx
import rego.v1

# spec_with(image, extra) is a pod spec with one container:
#  8     spec:
#  9       containers:
# 10         - name: app
# 11           image: IMAGE
# 12           env: ...
spec_with(image, extra) := {
	"containers": [object.union({
		"name": "app",
		"image": image,
		"__loc": fx.L(10, 13, {"name": 10, "image": 11, "env": [12, 13], "args": [12, 13]}),
	}, extra)],
	"__loc": fx.L(8, 13, {"containers": [9, 13]}),
}

test_tg_k8s_126_violation if {
	f := fx.only(components.deny, "TG-K8S-126") with input as fx.deployment(spec_with("ghcr.io/helm/tiller:v2.17.0", {}))
	f.location == fx.at(11, 11)
	f.message == `Deployment "web" deploys Tiller, Helm v2's server (container "app" runs image ghcr.io/helm/tiller:v2.17.0)`
}

test_tg_k8s_126_service if {
	svc := fx.manifest("v1", "Service", "tiller-deploy", {"spec": {"selector": {"app": "helm", "name": "tiller"}, "__loc": fx.L(6, 9, {})}}, {}, 9)
	f := fx.only(components.deny, "TG-K8S-126") with input as svc
	f.location == fx.at(4, 4)
	f.message == `Service "tiller-deploy" deploys Tiller, Helm v2's server (it serves Tiller)`
}

test_tg_k8s_126_compliant if {
	count(fx.ids(components.deny, "TG-K8S-126")) == 0 with input as fx.deployment(spec_with("example.com/distiller:1.0", {}))
	svc := fx.manifest("v1", "Service", "distiller", {"spec": {"selector": {"app": "distiller"}, "__loc": fx.L(6, 9, {})}}, {}, 9)
	count(fx.ids(components.deny, "TG-K8S-126")) == 0 with input as svc
}

test_tg_k8s_127_violation if {
	f := fx.only(components.deny, "TG-K8S-127") with input as fx.deployment(spec_with("docker.io/kubernetesui/dashboard:v2.7.0", {}))
	f.location == fx.at(11, 11)
	f.message == `Deployment "web" deploys the Kubernetes Dashboard (container "app" runs image docker.io/kubernetesui/dashboard:v2.7.0)`
	count(fx.ids(components.deny, "TG-K8S-127")) == 1 with input as fx.deployment(spec_with("k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1", {}))
}

test_tg_k8s_127_compliant if {
	count(fx.ids(components.deny, "TG-K8S-127")) == 0 with input as fx.deployment(spec_with("example.com/sales/dashboard:3.1", {}))
}

test_tg_k8s_128_violation if {
	spec := spec_with("registry.k8s.io/git-sync/git-sync:v4.2.1", {"env": [{"name": "GITSYNC_GIT", "value": "/tmp/x"}]})
	f := fx.only(components.deny, "TG-K8S-128") with input as fx.deployment(spec)
	f.location == fx.at(12, 13)
	f.message == `Deployment "web": container "app" replaces the git binary of git-sync (environment variable GITSYNC_GIT)`
	flag := spec_with("registry.k8s.io/git-sync/git-sync:v4.2.1", {"args": ["--repo=https://example.com/r.git", "--git=/bin/sh"]})
	count(fx.ids(components.deny, "TG-K8S-128")) == 1 with input as fx.deployment(flag)
}

test_tg_k8s_128_compliant if {
	spec := spec_with("registry.k8s.io/git-sync/git-sync:v4.2.1", {"env": [{"name": "GITSYNC_REPO", "value": "https://example.com/r.git"}]})
	count(fx.ids(components.deny, "TG-K8S-128")) == 0 with input as fx.deployment(spec)
}
