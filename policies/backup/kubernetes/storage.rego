package tollgate.backup.kubernetes.storage

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

reclaim_problem(sc) := "reclaimPolicy: Delete" if {
	sc.reclaimPolicy == "Delete"
} else := "no reclaimPolicy, and the default is Delete" if {
	not sc.reclaimPolicy
}

# METADATA
# title: StorageClass deletes volumes with their claims
# description: |
#   The StorageClass's reclaimPolicy is Delete, or not set (the default is Delete): when a
#   PersistentVolumeClaim is deleted, by mistake, by a namespace deletion or by an
#   uninstall, its volume and the data on it are destroyed at once, with no chance to
#   recover them.
# related_resources:
# - https://kubernetes.io/docs/concepts/storage/storage-classes/#reclaim-policy
# - https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reclaiming
# custom:
#   id: TG-K8S-072
#   severity: low
#   category: backup
#   provider: kubernetes
#   remediation: 'Set reclaimPolicy: Retain on StorageClasses that hold data worth keeping, and delete released volumes deliberately after checking their backups.'
#   frameworks:
#     nist-800-53: ["CP-9", "CP-10"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "StorageClass"
	sc := input.resource
	problem := reclaim_problem(sc)
	msg := sprintf("StorageClass %q deletes volumes with their claims (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(sc, "reclaimPolicy"), msg)
}

# METADATA
# title: PersistentVolume is deleted when released
# description: |
#   The PersistentVolume's persistentVolumeReclaimPolicy is Delete (or the deprecated
#   Recycle, which scrubs it): when its claim is deleted, the volume's data is destroyed.
# related_resources:
# - https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reclaiming
# custom:
#   id: TG-K8S-073
#   severity: low
#   category: backup
#   provider: kubernetes
#   remediation: 'Set persistentVolumeReclaimPolicy: Retain and delete released volumes deliberately after checking their backups.'
#   frameworks:
#     nist-800-53: ["CP-9", "CP-10"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "PersistentVolume"
	spec := input.resource.spec
	policy := spec.persistentVolumeReclaimPolicy
	policy in {"Delete", "Recycle"}
	msg := sprintf("PersistentVolume %q is destroyed when its claim is released (persistentVolumeReclaimPolicy: %s)", [input.name, policy])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "persistentVolumeReclaimPolicy"), msg)
}

retention_events := {
	"whenDeleted": "when the StatefulSet is deleted",
	"whenScaled": "when the StatefulSet is scaled down",
}

# METADATA
# title: StatefulSet deletes its volumes
# description: |
#   persistentVolumeClaimRetentionPolicy sets whenDeleted or whenScaled to Delete: the
#   claims created from volumeClaimTemplates, and with a Delete reclaim policy their data,
#   are removed when the StatefulSet is deleted or scaled down, a routine operation away
#   from data loss.
# related_resources:
# - https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
# custom:
#   id: TG-K8S-074
#   severity: medium
#   category: backup
#   provider: kubernetes
#   remediation: Remove persistentVolumeClaimRetentionPolicy or set whenDeleted and whenScaled to Retain (the default).
#   frameworks:
#     nist-800-53: ["CP-9", "CP-10"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "StatefulSet"
	spec := input.resource.spec
	count(workload.list(spec.volumeClaimTemplates)) > 0
	policy := spec.persistentVolumeClaimRetentionPolicy
	some field, event in retention_events
	policy[field] == "Delete"
	msg := sprintf("StatefulSet %q deletes its PersistentVolumeClaims %s (%s: Delete)", [input.name, event, field])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(policy, field), msg)
}
