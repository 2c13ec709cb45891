package tollgate.audit.kubernetes.images_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.audit.kubernetes.images
import rego.v1

#  8     spec:
#  9       containers:
# 10         - name: app
# 11           image: IMAGE
spec(image) := {
	"containers": [{"name": "app", "image": image, "__loc": fx.L(10, 11, {"name": 10, "image": 11})}],
	"__loc": fx.L(8, 11, {"containers": [9, 11]}),
}

digest := "sha256:6e5e7c2f8a2b8d1c4e0f9a3b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d"

test_tg_k8s_078_violation if {
	f := fx.only(images.deny, "TG-K8S-078") with input as fx.deployment(spec("nginx:latest"))
	f.location == fx.at(11, 11)
	f.message == `Deployment "web": container "app" uses image "nginx:latest" without a fixed version (latest or no tag)`
}

test_tg_k8s_078_compliant if {
	count(fx.ids(images.deny, "TG-K8S-078")) == 0 with input as fx.deployment(spec("nginx:1.27"))
	count(fx.ids(images.deny, "TG-K8S-078")) == 0 with input as fx.deployment(spec(concat("@", ["nginx:latest", digest])))
}

test_tg_k8s_078_untagged_forms if {
	every image in ["nginx", "docker.io/library/nginx", "registry.example:5000/team/app", "registry.example:5000/team/app:latest"] {
		count(fx.ids(images.deny, "TG-K8S-078")) == 1 with input as fx.deployment(spec(image))
		count(fx.ids(images.deny, "TG-K8S-079")) == 0 with input as fx.deployment(spec(image))
	}
}

test_tg_k8s_079_violation if {
	f := fx.only(images.deny, "TG-K8S-079") with input as fx.deployment(spec("registry.example:5000/team/app:1.4.2"))
	f.location == fx.at(11, 11)
	f.message == `Deployment "web": container "app" uses image "registry.example:5000/team/app:1.4.2" by tag, not by digest`
}

test_tg_k8s_079_compliant if {
	every image in [concat("@", ["nginx", digest]), concat("@", ["nginx:1.27", digest])] {
		count(images.deny) == 0 with input as fx.deployment(spec(image))
	}
}
