package tollgate.encryption.kubernetes.secret_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.secret
import rego.v1

#  1 apiVersion: v1
#  2 kind: Secret
#  3 metadata:
#  4   name: db
#  5   namespace: shop
#  6 type: Opaque
#  7 stringData:
#  8   username: app
#  9   password: PASSWORD
secret_doc(values) := fx.manifest(
	"v1", "Secret", "db", {
		"type": "Opaque",
		"stringData": object.union(values, {"__loc": fx.L(7, 9, {"username": 8, "password": 9})}),
	},
	{"type": 6}, 9,
)

test_tg_k8s_071_violation if {
	f := fx.only(secret.deny, "TG-K8S-071") with input as secret_doc({"username": "app", "password": "hunter2"})
	f.location == fx.at(7, 9)
	f.message == `Secret "db" holds its values in plain text (stringData: password, username)`
	not contains(f.message, "hunter2")
}

test_tg_k8s_071_compliant if {
	count(secret.deny) == 0 with input as secret_doc({"username": "", "password": ""})
	sops := {"username": "ENC[AES256_GCM,data:Zm9v,iv:YQ==,tag:Yg==,type:str]", "password": "ENC[AES256_GCM,data:YmFy,iv:YQ==,tag:Yg==,type:str]"}
	count(secret.deny) == 0 with input as secret_doc(sops)
}

test_tg_k8s_071_sops_file_is_compliant if {
	d := json.patch(secret_doc({"password": "hunter2"}), [{"op": "add", "path": "/resource/sops", "value": {"version": "3.9.0", "__loc": fx.L(10, 11, {"version": 11})}}])
	count(secret.deny) == 0 with input as d
}
