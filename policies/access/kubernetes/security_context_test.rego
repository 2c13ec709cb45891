package tollgate.access.kubernetes.security_context_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.security_context as sc
import rego.v1

#  8     spec:
#  9       securityContext:
# 10         runAsUser: 0
# 11         seccompProfile:
# 12           type: Unconfined
# 13         sysctls:
# 14           - name: kernel.msgmax
# 15             value: "65536"
# 16           - name: net.ipv4.tcp_syncookies
# 17             value: "1"
# 18         seLinuxOptions:
# 19           type: spc_t
# 20       containers:
# 21         - name: app
# 22           image: nginx:1.27
# 23           securityContext:
# 24             allowPrivilegeEscalation: true
# 25             readOnlyRootFilesystem: false
# 26             procMount: Unmasked
# 27             appArmorProfile:
# 28               type: Unconfined
# 29             capabilities:
# 30               add: [SYS_ADMIN, NET_BIND_SERVICE, cap_net_raw]
# 31               drop: [NET_RAW]
# 32         - name: sidecar
# 33           image: envoy:1.30
# 34           securityContext:
# 35             runAsUser: 1000
# 36             allowPrivilegeEscalation: false
# 37             readOnlyRootFilesystem: true
# 38             seccompProfile:
# 39               type: RuntimeDefault
# 40             capabilities:
# 41               drop: [ALL]
bad_spec := {
	"securityContext": {
		"runAsUser": 0,
		"seccompProfile": {"type": "Unconfined", "__loc": fx.L(11, 12, {"type": 12})},
		"sysctls": [
			{"name": "kernel.msgmax", "value": "65536", "__loc": fx.L(14, 15, {"name": 14, "value": 15})},
			{"name": "net.ipv4.tcp_syncookies", "value": "1", "__loc": fx.L(16, 17, {"name": 16, "value": 17})},
		],
		"seLinuxOptions": {"type": "spc_t", "__loc": fx.L(18, 19, {"type": 19})},
		"__loc": fx.L(9, 19, {"runAsUser": 10, "sysctls": [13, 17]}),
	},
	"containers": [
		{
			"name": "app",
			"image": "nginx:1.27",
			"securityContext": {
				"allowPrivilegeEscalation": true,
				"readOnlyRootFilesystem": false,
				"procMount": "Unmasked",
				"appArmorProfile": {"type": "Unconfined", "__loc": fx.L(27, 28, {"type": 28})},
				"capabilities": {
					"add": ["SYS_ADMIN", "NET_BIND_SERVICE", "cap_net_raw"],
					"drop": ["NET_RAW"],
					"__loc": fx.L(29, 31, {"add": 30, "drop": 31}),
				},
				"__loc": fx.L(23, 31, {"allowPrivilegeEscalation": 24, "readOnlyRootFilesystem": 25, "procMount": 26}),
			},
			"__loc": fx.L(21, 31, {"name": 21, "image": 22}),
		},
		{
			"name": "sidecar",
			"image": "envoy:1.30",
			"securityContext": {
				"runAsUser": 1000,
				"allowPrivilegeEscalation": false,
				"readOnlyRootFilesystem": true,
				"seccompProfile": {"type": "RuntimeDefault", "__loc": fx.L(38, 39, {"type": 39})},
				"capabilities": {"drop": ["ALL"], "__loc": fx.L(40, 41, {"drop": 41})},
				"__loc": fx.L(34, 41, {"runAsUser": 35, "allowPrivilegeEscalation": 36, "readOnlyRootFilesystem": 37}),
			},
			"__loc": fx.L(32, 41, {"name": 32, "image": 33}),
		},
	],
	"__loc": fx.L(8, 41, {"containers": [20, 41]}),
}

#  8     spec:
#  9       securityContext:
# 10         runAsNonRoot: true
# 11         seccompProfile:
# 12           type: RuntimeDefault
# 13         sysctls:
# 14           - name: net.ipv4.ip_local_port_range
# 15             value: "1024 65535"
# 16       containers:
# 17         - name: app
# 18           image: nginx:1.27
# 19           securityContext:
# 20             allowPrivilegeEscalation: false
# 21             readOnlyRootFilesystem: true
# 22             capabilities:
# 23               drop: [ALL]
# 24               add: [NET_BIND_SERVICE]
# 25             seLinuxOptions:
# 26               level: "s0:c123,c456"
good_spec := {
	"securityContext": {
		"runAsNonRoot": true,
		"seccompProfile": {"type": "RuntimeDefault", "__loc": fx.L(11, 12, {"type": 12})},
		"sysctls": [{"name": "net.ipv4.ip_local_port_range", "value": "1024 65535", "__loc": fx.L(14, 15, {"name": 14, "value": 15})}],
		"__loc": fx.L(9, 15, {"runAsNonRoot": 10, "sysctls": [13, 15]}),
	},
	"containers": [{
		"name": "app",
		"image": "nginx:1.27",
		"securityContext": {
			"allowPrivilegeEscalation": false,
			"readOnlyRootFilesystem": true,
			"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"], "__loc": fx.L(22, 24, {"drop": 23, "add": 24})},
			"seLinuxOptions": {"level": "s0:c123,c456", "__loc": fx.L(25, 26, {"level": 26})},
			"__loc": fx.L(19, 26, {"allowPrivilegeEscalation": 20, "readOnlyRootFilesystem": 21}),
		},
		"__loc": fx.L(17, 26, {"name": 17, "image": 18}),
	}],
	"__loc": fx.L(8, 26, {"containers": [16, 26]}),
}

bad := fx.deployment(bad_spec)

good := fx.deployment(good_spec)

test_good_spec_is_clean if {
	count(sc.deny) == 0 with input as good
}

test_tg_k8s_018_violation if {
	spec := json.remove(good_spec, ["securityContext/runAsNonRoot"])
	f := fx.only(sc.deny, "TG-K8S-018") with input as fx.deployment(spec)
	f.location == fx.at(19, 26)
	f.message == `Deployment "web": container "app" may run as root (runAsNonRoot is not true and no runAsUser is set)`
}

test_tg_k8s_018_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-018")) == 0 with input as good
}

test_tg_k8s_018_container_overrides_pod if {
	spec := json.patch(good_spec, [
		{"op": "add", "path": "/containers/0/securityContext/runAsNonRoot", "value": false},
		{"op": "add", "path": "/containers/0/securityContext/__loc/attrs/runAsNonRoot", "value": {"start_line": 22, "end_line": 22}},
	])
	f := fx.only(sc.deny, "TG-K8S-018") with input as fx.deployment(spec)
	f.location == fx.at(22, 22)
}

test_tg_k8s_018_non_zero_uid_is_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-018")) == 0 with input as bad
}

test_tg_k8s_019_violation if {
	f := fx.only(sc.deny, "TG-K8S-019") with input as bad
	f.location == fx.at(10, 10)
	f.message == `Deployment "web": container "app" runs as UID 0 (runAsUser: 0)`
}

test_tg_k8s_019_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-019")) == 0 with input as good
}

test_tg_k8s_020_violation if {
	f := fx.only(sc.deny, "TG-K8S-020") with input as bad
	f.location == fx.at(24, 24)
	f.message == `Deployment "web": container "app" allows privilege escalation (allowPrivilegeEscalation is not false)`
}

test_tg_k8s_020_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-020")) == 0 with input as good
}

test_tg_k8s_020_unset_points_at_the_container if {
	spec := json.remove(good_spec, ["containers/0/securityContext"])
	f := fx.only(sc.deny, "TG-K8S-020") with input as fx.pod(spec)
	f.location == fx.at(17, 26)
}

test_tg_k8s_021_violation if {
	f := fx.only(sc.deny, "TG-K8S-021") with input as bad
	f.location == fx.at(30, 30)
	f.message == `Deployment "web": container "app" adds capabilities NET_RAW, SYS_ADMIN`
}

test_tg_k8s_021_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-021")) == 0 with input as good
}

test_tg_k8s_022_violation if {
	f := fx.only(sc.deny, "TG-K8S-022") with input as bad
	f.location == fx.at(31, 31)
	f.message == `Deployment "web": container "app" does not drop all capabilities (capabilities.drop has no ALL)`
}

test_tg_k8s_022_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-022")) == 0 with input as good
}

test_tg_k8s_023_violation if {
	f := fx.only(sc.deny, "TG-K8S-023") with input as bad
	f.location == fx.at(25, 25)
	f.message == `Deployment "web": container "app" has a writable root filesystem (readOnlyRootFilesystem is not true)`
}

test_tg_k8s_023_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-023")) == 0 with input as good
}

test_tg_k8s_024_violation if {
	f := fx.only(sc.deny, "TG-K8S-024") with input as bad
	f.location == fx.at(12, 12)
	f.message == `Deployment "web": container "app" uses seccomp profile "Unconfined"`
}

test_tg_k8s_024_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-024")) == 0 with input as good
}

test_tg_k8s_024_missing_fires if {
	spec := json.remove(good_spec, ["securityContext/seccompProfile"])
	f := fx.only(sc.deny, "TG-K8S-024") with input as fx.deployment(spec)
	f.location == fx.at(19, 26)
	f.message == `Deployment "web": container "app" has no seccomp profile`
}

test_tg_k8s_025_violation if {
	f := fx.only(sc.deny, "TG-K8S-025") with input as bad
	f.location == fx.at(28, 28)
	f.message == `Deployment "web": container "app" runs without AppArmor (profile Unconfined)`
}

test_tg_k8s_025_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-025")) == 0 with input as good
}

#  7   template:
#  8     metadata:
#  9       annotations:
# 10         container.apparmor.security.beta.kubernetes.io/app: unconfined
test_tg_k8s_025_legacy_annotation_fires if {
	key := "container.apparmor.security.beta.kubernetes.io/app"
	d := json.patch(good, [{"op": "add", "path": "/resource/spec/template/metadata", "value": {
		"annotations": {key: "unconfined", "__loc": fx.L(9, 10, {key: 10})},
		"__loc": fx.L(8, 10, {}),
	}}])
	f := fx.only(sc.deny, "TG-K8S-025") with input as d
	f.location == fx.at(10, 10)
}

test_tg_k8s_025_annotation_runtime_default_is_compliant if {
	key := "container.apparmor.security.beta.kubernetes.io/app"
	d := json.patch(good, [{"op": "add", "path": "/resource/spec/template/metadata", "value": {
		"annotations": {key: "runtime/default", "__loc": fx.L(9, 10, {key: 10})},
		"__loc": fx.L(8, 10, {}),
	}}])
	count(fx.ids(sc.deny, "TG-K8S-025")) == 0 with input as d
}

test_tg_k8s_026_violation if {
	f := fx.only(sc.deny, "TG-K8S-026") with input as bad
	f.location == fx.at(26, 26)
	f.message == `Deployment "web": container "app" mounts /proc unmasked (procMount: Unmasked)`
}

test_tg_k8s_026_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-026")) == 0 with input as good
}

test_tg_k8s_027_violation if {
	f := fx.only(sc.deny, "TG-K8S-027") with input as bad
	f.location == fx.at(14, 14)
	f.message == `Deployment "web" sets unsafe sysctl "kernel.msgmax"`
}

test_tg_k8s_027_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-027")) == 0 with input as good
}

test_tg_k8s_027_slash_form_is_normalized if {
	spec := json.patch(good_spec, [{"op": "replace", "path": "/securityContext/sysctls/0/name", "value": "net/ipv4/ip_local_port_range"}])
	count(fx.ids(sc.deny, "TG-K8S-027")) == 0 with input as fx.deployment(spec)
}

test_tg_k8s_028_violation if {
	f := fx.only(sc.deny, "TG-K8S-028") with input as bad
	f.location == fx.at(19, 19)
	f.message == `Deployment "web": the pod sets SELinux type "spc_t"`
}

test_tg_k8s_028_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-028")) == 0 with input as good
}

test_tg_k8s_028_user_and_role_fire if {
	spec := json.patch(good_spec, [{"op": "replace", "path": "/containers/0/securityContext/seLinuxOptions", "value": {
		"user": "system_u", "role": "system_r", "type": "container_t",
		"__loc": fx.L(25, 28, {"user": 26, "role": 27, "type": 28}),
	}}])
	findings := fx.ids(sc.deny, "TG-K8S-028") with input as fx.deployment(spec)
	{f.location.start_line | some f in findings} == {26, 27}
}

test_windows_pods_skip_linux_settings if {
	spec := object.union(bad_spec, {"os": {"name": "windows", "__loc": fx.L(42, 43, {"name": 43})}})
	findings := sc.deny with input as fx.deployment(spec)
	{f.rule_id | some f in findings} == {"TG-K8S-027"}
}

test_other_kinds_ignored if {
	count(sc.deny) == 0 with input as fx.with_type(bad, "Service")
}

test_every_workload_kind_is_checked if {
	count(fx.ids(sc.deny, "TG-K8S-019")) == 1 with input as fx.pod(bad_spec)
	count(fx.ids(sc.deny, "TG-K8S-019")) == 1 with input as fx.cronjob(bad_spec)
	count(fx.ids(sc.deny, "TG-K8S-019")) == 1 with input as fx.with_type(bad, "StatefulSet")
	count(fx.ids(sc.deny, "TG-K8S-019")) == 1 with input as fx.with_type(bad, "DaemonSet")
	count(fx.ids(sc.deny, "TG-K8S-019")) == 1 with input as fx.with_type(bad, "Job")
}

test_tg_k8s_116_violation if {
	spec := json.patch(good_spec, [{"op": "replace", "path": "/containers/0/securityContext/capabilities/add", "value": ["NET_BIND_SERVICE", "chown", "SYS_ADMIN", "CAP_SETUID"]}])
	f := fx.only(sc.deny, "TG-K8S-116") with input as fx.deployment(spec)
	f.location == fx.at(24, 24)
	f.message == `Deployment "web": container "app" adds capabilities beyond NET_BIND_SERVICE (CHOWN, SETUID)`
}

test_tg_k8s_116_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-116")) == 0 with input as good
	# Dangerous capabilities alone are TG-K8S-021's.
	count(fx.ids(sc.deny, "TG-K8S-116")) == 0 with input as bad
}

test_tg_k8s_117_violation if {
	f := fx.only(sc.deny, "TG-K8S-117") with input as bad
	f.location == fx.at(35, 35)
	f.message == `Deployment "web": container "sidecar" runs with UID 1000, in the range of node users (runAsUser is not above 10000)`
}

test_tg_k8s_117_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-117")) == 0 with input as good
	high := json.patch(bad_spec, [{"op": "replace", "path": "/containers/1/securityContext/runAsUser", "value": 10001}])
	count(fx.ids(sc.deny, "TG-K8S-117")) == 0 with input as fx.deployment(high)
	userns := json.patch(bad_spec, [{"op": "add", "path": "/hostUsers", "value": false}])
	count(fx.ids(sc.deny, "TG-K8S-117")) == 0 with input as fx.deployment(userns)
}

test_tg_k8s_118_violation if {
	spec := json.patch(good_spec, [{"op": "add", "path": "/securityContext/runAsGroup", "value": 1000}])
	f := fx.only(sc.deny, "TG-K8S-118") with input as fx.deployment(spec)
	f.location == fx.at(9, 15)
	f.message == `Deployment "web": container "app" runs with GID 1000, in the range of node groups (runAsGroup is not above 10000)`
}

test_tg_k8s_118_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-118")) == 0 with input as good
	spec := json.patch(good_spec, [{"op": "add", "path": "/securityContext/runAsGroup", "value": 10001}])
	count(fx.ids(sc.deny, "TG-K8S-118")) == 0 with input as fx.deployment(spec)
	# GID 0 is TG-K8S-119's.
	root := json.patch(good_spec, [{"op": "add", "path": "/securityContext/runAsGroup", "value": 0}])
	count(fx.ids(sc.deny, "TG-K8S-118")) == 0 with input as fx.deployment(root)
}

test_tg_k8s_119_violation if {
	spec := json.patch(good_spec, [
		{"op": "add", "path": "/securityContext/supplementalGroups", "value": [10001, 0]},
		{"op": "add", "path": "/securityContext/__loc/attrs/supplementalGroups", "value": {"start_line": 13, "end_line": 13}},
	])
	f := fx.only(sc.deny, "TG-K8S-119") with input as fx.deployment(spec)
	f.location == fx.at(13, 13)
	f.message == `Deployment "web" runs with the root group (pod securityContext.supplementalGroups includes 0)`
	cspec := json.patch(good_spec, [{"op": "add", "path": "/containers/0/securityContext/runAsGroup", "value": 0}])
	g := fx.only(sc.deny, "TG-K8S-119") with input as fx.deployment(cspec)
	g.message == `Deployment "web" runs with the root group (container "app" runAsGroup: 0)`
}

test_tg_k8s_119_compliant if {
	count(fx.ids(sc.deny, "TG-K8S-119")) == 0 with input as good
	spec := json.patch(good_spec, [{"op": "add", "path": "/securityContext/fsGroup", "value": 10001}])
	count(fx.ids(sc.deny, "TG-K8S-119")) == 0 with input as fx.deployment(spec)
}
