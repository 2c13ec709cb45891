package tollgate.audit.kubernetes.apiserver

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# no_audit(c) explains why the kube-apiserver container records no audit event.
no_audit(c) := ["audit-log-path", "no --audit-log-path or --audit-webhook-config-file"] if {
	not workload.flag(c, "audit-log-path")
	not workload.flag(c, "audit-webhook-config-file")
} else := ["audit-policy-file", "no --audit-policy-file, so no event is recorded"] if {
	not workload.flag(c, "audit-policy-file")
}

# METADATA
# title: kube-apiserver records no audit events
# description: |
#   A kube-apiserver container (a static pod manifest such as
#   /etc/kubernetes/manifests/kube-apiserver.yaml) has no audit backend (neither
#   --audit-log-path nor --audit-webhook-config-file), or no --audit-policy-file, without
#   which no event is recorded: who read which Secret, exec'd into which pod or changed
#   which RBAC binding cannot be found out.
# related_resources:
# - https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/
# custom:
#   id: TG-K8S-080
#   severity: high
#   category: audit
#   provider: kubernetes
#   remediation: Set --audit-policy-file to a policy (Metadata level at least, Metadata only for Secrets, ConfigMaps and TokenReviews) and --audit-log-path (or --audit-webhook-config-file) to a backend shipped off the node.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.17", "3.2.1"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	[flag, why] := no_audit(c)
	msg := sprintf("%s: kube-apiserver records no audit events (%s)", [workload.subject, why])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, flag), msg)
}

# CIS Kubernetes Benchmark values; candidates for parameters
# (min_audit_log_retention_days, min_audit_log_backups).
min_audit_days := lib.param("min_audit_log_retention_days")

min_audit_backups := lib.param("min_audit_log_backups")

# early_deletion(c) lists the audit log rotation settings that delete logs early. 0 (the
# default) means no limit.
early_deletion(c) := [sprintf("--audit-log-%s=%v", [name, n]) |
	some [name, least] in [["maxage", min_audit_days], ["maxbackup", min_audit_backups]]
	v := workload.flag(c, sprintf("audit-log-%s", [name]))
	regex.match(`^[0-9]+$`, v)
	n := to_number(v)
	n > 0
	n < least
]

# CIS Kubernetes Benchmark value: the size at which the audit log is rotated. An unset (or
# 0) --audit-log-maxsize rotates at 100 MB.
min_audit_maxsize := 100

# small_rotation(c) describes an --audit-log-maxsize below min_audit_maxsize when
# --audit-log-maxbackup limits the number of rotated files: together they keep less audit
# history than intended.
small_rotation(c) := sprintf("--audit-log-maxsize=%v", [n]) if {
	b := workload.flag(c, "audit-log-maxbackup")
	regex.match(`^[0-9]+$`, b)
	to_number(b) > 0
	v := workload.flag(c, "audit-log-maxsize")
	regex.match(`^[0-9]+$`, v)
	n := to_number(v)
	n > 0
	n < min_audit_maxsize
}

# deletion_settings(c) lists every rotation setting of the container that deletes audit
# logs early.
deletion_settings(c) := array.concat(early_deletion(c), [s | s := small_rotation(c)])

# METADATA
# title: kube-apiserver deletes audit logs early
# description: |
#   A kube-apiserver container that writes its audit log to a file sets --audit-log-maxage
#   below 30 days, --audit-log-maxbackup below 10 files, or, with a limited number of
#   files, --audit-log-maxsize below 100 MB: rotated audit logs are deleted before an
#   investigation is likely to need them (unless they are shipped elsewhere).
# related_resources:
# - https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend
# custom:
#   id: TG-K8S-081
#   severity: low
#   category: audit
#   provider: kubernetes
#   remediation: Set --audit-log-maxage=30 (or more), --audit-log-maxbackup=10 (or more) and --audit-log-maxsize=100 (or more, the default), and ship the log to central storage that keeps it for your retention period.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.18", "1.2.19", "1.2.20"]
#     nist-800-53: ["AU-11"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.5.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	path := workload.flag(c, "audit-log-path")
	path != "-"
	settings := deletion_settings(c)
	count(settings) > 0
	msg := sprintf("%s: kube-apiserver deletes audit logs early (%s)", [workload.subject, concat(", ", settings)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "audit-log-path"), msg)
}
