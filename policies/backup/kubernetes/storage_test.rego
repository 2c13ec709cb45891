package tollgate.backup.kubernetes.storage_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.backup.kubernetes.storage
import rego.v1

# 1 apiVersion: storage.k8s.io/v1
# 2 kind: StorageClass
# 3 metadata:
# 4   name: fast
# 5   namespace: shop
# 6 provisioner: ebs.csi.aws.com
# 7 reclaimPolicy: POLICY              (when given)
storage_class(body) := fx.manifest(
	"storage.k8s.io/v1", "StorageClass", "fast",
	object.union({"provisioner": "ebs.csi.aws.com"}, body),
	object.filter({"provisioner": 6, "reclaimPolicy": 7}, array.concat(["provisioner"], [k | some k, _ in body])),
	7,
)

test_tg_k8s_072_violation if {
	f := fx.only(storage.deny, "TG-K8S-072") with input as storage_class({"reclaimPolicy": "Delete"})
	f.location == fx.at(7, 7)
	f.message == `StorageClass "fast" deletes volumes with their claims (reclaimPolicy: Delete)`
}

test_tg_k8s_072_compliant if {
	count(storage.deny) == 0 with input as storage_class({"reclaimPolicy": "Retain"})
}

test_tg_k8s_072_default_is_delete if {
	f := fx.only(storage.deny, "TG-K8S-072") with input as storage_class({})
	f.location == fx.at(1, 7)
	f.message == `StorageClass "fast" deletes volumes with their claims (no reclaimPolicy, and the default is Delete)`
}

#  6 spec:
#  7   capacity: {storage: 10Gi}
#  8   persistentVolumeReclaimPolicy: POLICY
volume(policy) := fx.manifest(
	"v1", "PersistentVolume", "pv-data", {"spec": {
		"capacity": {"storage": "10Gi", "__loc": fx.L(7, 7, {"storage": 7})},
		"persistentVolumeReclaimPolicy": policy,
		"__loc": fx.L(6, 8, {"persistentVolumeReclaimPolicy": 8}),
	}},
	{}, 8,
)

test_tg_k8s_073_violation if {
	f := fx.only(storage.deny, "TG-K8S-073") with input as volume("Recycle")
	f.location == fx.at(8, 8)
	f.message == `PersistentVolume "pv-data" is destroyed when its claim is released (persistentVolumeReclaimPolicy: Recycle)`
}

test_tg_k8s_073_compliant if {
	count(storage.deny) == 0 with input as volume("Retain")
	count(storage.deny) == 0 with input as json.remove(volume("Delete"), ["resource/spec/persistentVolumeReclaimPolicy"])
}

#  6 spec:
#  7   persistentVolumeClaimRetentionPolicy:
#  8     whenDeleted: DELETED
#  9     whenScaled: SCALED
# 10   volumeClaimTemplates:
# 11     - metadata: {name: data}
stateful_set(deleted, scaled, templates) := fx.manifest(
	"apps/v1", "StatefulSet", "db", {"spec": {
		"persistentVolumeClaimRetentionPolicy": {"whenDeleted": deleted, "whenScaled": scaled, "__loc": fx.L(7, 9, {"whenDeleted": 8, "whenScaled": 9})},
		"volumeClaimTemplates": templates,
		"__loc": fx.L(6, 11, {"volumeClaimTemplates": [10, 11]}),
	}},
	{}, 11,
)

templates := [{"metadata": {"name": "data", "__loc": fx.L(11, 11, {"name": 11})}, "__loc": fx.L(11, 11, {})}]

test_tg_k8s_074_violation if {
	f := fx.only(storage.deny, "TG-K8S-074") with input as stateful_set("Delete", "Retain", templates)
	f.location == fx.at(8, 8)
	f.message == `StatefulSet "db" deletes its PersistentVolumeClaims when the StatefulSet is deleted (whenDeleted: Delete)`
}

test_tg_k8s_074_compliant if {
	count(storage.deny) == 0 with input as stateful_set("Retain", "Retain", templates)
}

test_tg_k8s_074_scale_down if {
	f := fx.only(storage.deny, "TG-K8S-074") with input as stateful_set("Retain", "Delete", templates)
	f.location == fx.at(9, 9)
	f.message == `StatefulSet "db" deletes its PersistentVolumeClaims when the StatefulSet is scaled down (whenScaled: Delete)`
}

test_tg_k8s_074_without_claims_is_compliant if {
	count(storage.deny) == 0 with input as stateful_set("Delete", "Delete", [])
}
