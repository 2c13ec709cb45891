package tollgate.backup.kubernetes.velero_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.backup.kubernetes.velero
import rego.v1

#  1 apiVersion: velero.io/v1
#  2 kind: Schedule
#  3 metadata:
#  4   name: daily
#  5   namespace: shop
#  6 spec:
#  7   schedule: "0 1 * * *"
#  8   paused: PAUSED                         (when given)
#  9   template:
# 10     ttl: TTL                             (when given)
# 11     snapshotVolumes: SNAPSHOT            (when given)
# 12     defaultVolumesToFsBackup: FS         (when given)
schedule(paused, template) := fx.manifest(
	"velero.io/v1", "Schedule", "daily", {"spec": object.union(
		{
			"schedule": "0 1 * * *",
			"template": object.union(template, {"__loc": fx.L(9, 12, object.filter(
				{"ttl": 10, "snapshotVolumes": 11, "defaultVolumesToFsBackup": 12},
				[k | some k, _ in template],
			))}),
			"__loc": fx.L(6, 12, object.union({"schedule": 7}, object.filter({"paused": 8}, [k | some k, _ in paused]))),
		},
		paused,
	)},
	{}, 12,
)

test_tg_k8s_075_violation if {
	f := fx.only(velero.deny, "TG-K8S-075") with input as schedule({}, {"ttl": "72h0m0s"})
	f.location == fx.at(10, 10)
	f.message == `Schedule "daily" keeps backups for 72h0m0s, less than 7 days (ttl)`
}

test_tg_k8s_075_compliant if {
	count(velero.deny) == 0 with input as schedule({}, {"ttl": "720h0m0s"})
	count(velero.deny) == 0 with input as schedule({}, {})
	count(velero.deny) == 0 with input as schedule({}, {"ttl": "a week"})
	count(velero.deny) == 0 with input as schedule({}, {"ttl": "0s"})
	count(velero.deny) == 0 with input as schedule({}, {"ttl": "99999999999999999999h"})
	count(fx.ids(velero.deny, "TG-K8S-075")) == 1 with input as schedule({}, {"ttl": "1.5h30m10.5s"})
}

test_tg_k8s_075_follows_min_backup_retention_days if {
	count(fx.ids(velero.deny, "TG-K8S-075")) == 1 with input as schedule({}, {"ttl": "720h0m0s"}) with data.config.params as {"min_backup_retention_days": 35}
	count(fx.ids(velero.deny, "TG-K8S-075")) == 0 with input as schedule({}, {"ttl": "72h"}) with data.config.params as {"min_backup_retention_days": 3}
}

# 6 spec:
# 7   ttl: TTL
test_tg_k8s_075_backup if {
	d := fx.manifest("velero.io/v1", "Backup", "before-upgrade", {"spec": {"ttl": "1h30m", "__loc": fx.L(6, 7, {"ttl": 7})}}, {}, 7)
	f := fx.only(velero.deny, "TG-K8S-075") with input as d
	f.location == fx.at(7, 7)
	f.message == `Backup "before-upgrade" keeps backups for 1h30m, less than 7 days (ttl)`
}

test_tg_k8s_075_other_api_groups_ignored if {
	d := json.patch(schedule({}, {"ttl": "1h"}), [{"op": "replace", "path": "/resource/apiVersion", "value": "example.com/v1"}])
	count(velero.deny) == 0 with input as d
}

test_tg_k8s_076_violation if {
	f := fx.only(velero.deny, "TG-K8S-076") with input as schedule({"paused": true}, {})
	f.location == fx.at(8, 8)
	f.message == `Schedule "daily" is paused: it takes no backups (paused: true)`
}

test_tg_k8s_076_compliant if {
	count(velero.deny) == 0 with input as schedule({"paused": false}, {})
}

test_tg_k8s_077_violation if {
	f := fx.only(velero.deny, "TG-K8S-077") with input as schedule({}, {"snapshotVolumes": false})
	f.location == fx.at(11, 11)
	f.message == `Schedule "daily" does not back up volume data (snapshotVolumes: false and no defaultVolumesToFsBackup)`
}

test_tg_k8s_077_compliant if {
	count(velero.deny) == 0 with input as schedule({}, {"snapshotVolumes": false, "defaultVolumesToFsBackup": true})
	count(velero.deny) == 0 with input as schedule({}, {"snapshotVolumes": true})
}
