package tollgate.access.kubernetes.registries_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.registries
import rego.v1

#  8     spec:
#  9       containers:
# 10         - name: app
# 11           image: IMAGE
spec(image) := {
	"containers": [{"name": "app", "image": image, "__loc": fx.L(10, 11, {"name": 10, "image": 11})}],
	"__loc": fx.L(8, 11, {"containers": [9, 11]}),
}

test_repository_names if {
	registries.repository("nginx") == "docker.io/library/nginx"
	registries.repository("nginx:1.27") == "docker.io/library/nginx"
	registries.repository("acme/app:2") == "docker.io/acme/app"
	registries.repository("Registry.Example:5000/team/app:1.0@sha256:abc") == "registry.example:5000/team/app"
	registries.repository("localhost/app") == "localhost/app"
	registries.repository("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1") == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app"
}

test_tg_k8s_143_violation if {
	f := fx.only(registries.deny, "TG-K8S-143") with input as fx.deployment(spec("quay.io/acme/app:1.0"))
	f.location == fx.at(11, 11)
	f.message == `Deployment "web": container "app" uses image "quay.io/acme/app:1.0" from quay.io, not a trusted registry`

	every image in ["bitnami/redis:7", "docker.io/librarian/app:1", "evilgcr.io/app:1", "gcr.io.attacker.net/app:1"] {
		count(fx.ids(registries.deny, "TG-K8S-143")) == 1 with input as fx.deployment(spec(image))
	}

	# An organisation's list: one organisation of ghcr.io, not the others.
	count(fx.ids(registries.deny, "TG-K8S-143")) == 1 with input as fx.deployment(spec("ghcr.io/acme-evil/app:1"))
		with data.config.params as {"trusted_registries": ["ghcr.io/acme"]}
}

test_tg_k8s_143_compliant if {
	every image in [
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1",
		"acme.azurecr.io/app:1",
		"gcr.io/acme/app:1",
		"eu.gcr.io/acme/app:1",
		"europe-docker.pkg.dev/acme/app/web:1",
		"nginx:1.27",
		"docker.io/library/postgres:16",
	] {
		count(fx.ids(registries.deny, "TG-K8S-143")) == 0 with input as fx.deployment(spec(image))
	}

	count(fx.ids(registries.deny, "TG-K8S-143")) == 0 with input as fx.deployment(spec("ghcr.io/acme/app:1"))
		with data.config.params as {"trusted_registries": ["ghcr.io/acme"]}
	count(fx.ids(registries.deny, "TG-K8S-143")) == 0 with input as fx.deployment(spec("bitnami/redis:7"))
		with data.config.params as {"trusted_registries": ["docker.io"]}
	count(fx.ids(registries.deny, "TG-K8S-143")) == 0 with input as fx.deployment(spec("registry.example.com/team/app:1"))
		with data.config.params as {"trusted_registries": ["registry.example.com"]}
}
