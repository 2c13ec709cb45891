package tollgate.backup.kubernetes.velero

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# backup_spec is the spec of the backups a Velero Backup or Schedule takes.
backup_spec := input.resource.spec if {
	input.type == "Backup"
	startswith(input.resource.apiVersion, "velero.io/")
}

backup_spec := input.resource.spec.template if {
	input.type == "Schedule"
	startswith(input.resource.apiVersion, "velero.io/")
}

# A Go duration, as Velero writes ttl: 720h0m0s.
go_duration := `^([0-9]+(\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$`

unit_seconds := {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}

# duration_seconds(d) is the Go duration d in seconds, summed here rather than with
# time.parse_duration_ns, which fails (an evaluation error) on durations past 292 years.
duration_seconds(d) := sum([seconds |
	some m in regex.find_all_string_submatch_n(`([0-9]+(?:\.[0-9]+)?)(ns|us|µs|μs|ms|s|m|h)`, d, -1)
	seconds := to_number(m[1]) * unit_seconds[m[2]]
]) if regex.match(go_duration, d)

# METADATA
# title: Velero keeps backups for less than the minimum retention
# description: |
#   The ttl of a Velero Backup, or of the backups a Schedule takes (spec.template.ttl), is
#   shorter than the organisation's minimum retention (parameter min_backup_retention_days,
#   7 by default): backups expire before a slowly noticed corruption or deletion is found.
#   When ttl is not set (or 0) Velero keeps backups for 30 days.
# related_resources:
# - https://velero.io/docs/main/api-types/schedule/
# - https://velero.io/docs/main/how-velero-works/#set-a-backup-to-expire
# custom:
#   id: TG-K8S-075
#   severity: medium
#   category: backup
#   provider: kubernetes
#   remediation: Set ttl to at least the minimum retention (e.g. 720h0m0s for 30 days).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"Backup", "Schedule"}
	spec := backup_spec
	ttl := spec.ttl
	is_string(ttl)
	days := lib.param("min_backup_retention_days")
	is_number(days)
	seconds := duration_seconds(ttl)
	seconds > 0
	seconds < days * 86400
	msg := sprintf("%s %q keeps backups for %s, less than %v days (ttl)", [input.type, input.name, ttl, days])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "ttl"), msg)
}

# METADATA
# title: Velero backup schedule is paused
# description: |
#   The Velero Schedule sets paused true: it takes no backups until someone remembers to
#   resume it, while restores still look possible.
# related_resources:
# - https://velero.io/docs/main/api-types/schedule/
# custom:
#   id: TG-K8S-076
#   severity: high
#   category: backup
#   provider: kubernetes
#   remediation: Remove paused (or set it to false); to stop backups deliberately, delete the Schedule in a reviewed change.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "Schedule"
	startswith(input.resource.apiVersion, "velero.io/")
	spec := input.resource.spec
	lib.is_true(spec.paused)
	msg := sprintf("Schedule %q is paused: it takes no backups (paused: true)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "paused"), msg)
}

# METADATA
# title: Velero backup skips volume data
# description: |
#   A Velero Backup or Schedule sets snapshotVolumes false and does not set
#   defaultVolumesToFsBackup true: only the Kubernetes objects are saved, not the data of
#   the persistent volumes, so a restore brings back empty volumes.
# related_resources:
# - https://velero.io/docs/main/api-types/backup/
# - https://velero.io/docs/main/file-system-backup/
# custom:
#   id: TG-K8S-077
#   severity: medium
#   category: backup
#   provider: kubernetes
#   remediation: Remove snapshotVolumes false (volume snapshots are taken by default), or set defaultVolumesToFsBackup true to back volumes up with file-system backup.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"Backup", "Schedule"}
	spec := backup_spec
	lib.is_false(spec.snapshotVolumes)
	not fs_backup(spec)
	msg := sprintf("%s %q does not back up volume data (snapshotVolumes: false and no defaultVolumesToFsBackup)", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "snapshotVolumes"), msg)
}

fs_backup(spec) if lib.is_true(spec.defaultVolumesToFsBackup)
