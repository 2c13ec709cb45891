package tollgate.encryption.kubernetes.encryption_config_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.encryption_config
import rego.v1

#  1 apiVersion: apiserver.config.k8s.io/v1
#  2 kind: EncryptionConfiguration
#  3 resources:
#  4   - resources: RESOURCES
#  5     providers:
#  6       - FIRST: {...}
#  7       - identity: {}
config(resources, first) := fx.doc("EncryptionConfiguration", "", {
	"apiVersion": "apiserver.config.k8s.io/v1",
	"kind": "EncryptionConfiguration",
	"resources": [{
		"resources": resources,
		"providers": [
			{first: {"name": "k", "__loc": fx.L(6, 6, {"name": 6})}, "__loc": fx.L(6, 6, {})},
			{"identity": {"__loc": fx.L(7, 7, {})}, "__loc": fx.L(7, 7, {})},
		],
		"__loc": fx.L(4, 7, {"resources": 4, "providers": [5, 7]}),
	}],
	"__loc": fx.L(1, 7, {"apiVersion": 1, "kind": 2, "resources": [3, 7]}),
})

test_tg_k8s_065_violation if {
	f := fx.only(encryption_config.deny, "TG-K8S-065") with input as config(["secrets", "configmaps"], "identity")
	f.location == fx.at(6, 6)
	f.message == `EncryptionConfiguration in "k8s/app.yaml" writes configmaps, secrets unencrypted (the first provider is identity)`
}

test_tg_k8s_065_compliant if {
	count(encryption_config.deny) == 0 with input as config(["secrets"], "kms")
	count(encryption_config.deny) == 0 with input as config(["*.*"], "aescbc")
}

test_tg_k8s_066_violation if {
	f := fx.only(encryption_config.deny, "TG-K8S-066") with input as config(["configmaps"], "kms")
	f.location == fx.at(3, 7)
	f.message == `EncryptionConfiguration in "k8s/app.yaml" does not encrypt Secrets (no entry lists secrets)`
}

test_tg_k8s_066_compliant if {
	every r in [["secrets"], ["*."], ["*.*"], ["configmaps", "secrets"]] {
		count(fx.ids(encryption_config.deny, "TG-K8S-066")) == 0 with input as config(r, "secretbox")
	}
}
