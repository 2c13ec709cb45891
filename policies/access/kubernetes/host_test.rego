package tollgate.access.kubernetes.host_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.host
import rego.v1

#  8     spec:
#  9       hostNetwork: true
# 10       hostPID: true
# 11       hostIPC: true
# 12       securityContext:
# 13         windowsOptions:
# 14           hostProcess: true
# 15       containers:
# 16         - name: app
# 17           image: nginx:1.27
# 18           ports:
# 19             - containerPort: 8080
# 20               hostPort: 8080
# 21       volumes:
# 22         - name: logs
# 23           hostPath:
# 24             path: /var/log/app
# 25         - name: docker
# 26           hostPath:
# 27             path: /var/run/docker.sock
bad_spec := {
	"hostNetwork": true,
	"hostPID": true,
	"hostIPC": true,
	"securityContext": {
		"windowsOptions": {"hostProcess": true, "__loc": fx.L(13, 14, {"hostProcess": 14})},
		"__loc": fx.L(12, 14, {}),
	},
	"containers": [{
		"name": "app",
		"image": "nginx:1.27",
		"ports": [{"containerPort": 8080, "hostPort": 8080, "__loc": fx.L(19, 20, {"containerPort": 19, "hostPort": 20})}],
		"__loc": fx.L(16, 20, {"name": 16, "image": 17, "ports": [18, 20]}),
	}],
	"volumes": [
		{"name": "logs", "hostPath": {"path": "/var/log/app", "__loc": fx.L(23, 24, {"path": 24})}, "__loc": fx.L(22, 24, {"name": 22})},
		{"name": "docker", "hostPath": {"path": "/var/run/docker.sock", "__loc": fx.L(26, 27, {"path": 27})}, "__loc": fx.L(25, 27, {"name": 25})},
	],
	"__loc": fx.L(8, 27, {"hostNetwork": 9, "hostPID": 10, "hostIPC": 11, "containers": [15, 20], "volumes": [21, 27]}),
}

#  8     spec:
#  9       hostNetwork: false
# 10       hostPID: "false"
# 11       containers:
# 12         - name: app
# 13           image: nginx:1.27
# 14           ports:
# 15             - containerPort: 8080
# 16       volumes:
# 17         - name: cache
# 18           emptyDir: {}
good_spec := {
	"hostNetwork": false,
	"hostPID": "false",
	"containers": [{
		"name": "app",
		"image": "nginx:1.27",
		"ports": [{"containerPort": 8080, "__loc": fx.L(15, 15, {"containerPort": 15})}],
		"__loc": fx.L(12, 15, {"name": 12, "image": 13, "ports": [14, 15]}),
	}],
	"volumes": [{"name": "cache", "emptyDir": {"__loc": fx.L(18, 18, {})}, "__loc": fx.L(17, 18, {"name": 17})}],
	"__loc": fx.L(8, 18, {"hostNetwork": 9, "hostPID": 10, "containers": [11, 15], "volumes": [16, 18]}),
}

# with_host_path(p) is good_spec with one hostPath volume of path p at line 20.
with_host_path(p) := json.patch(good_spec, [{"op": "add", "path": "/volumes/-", "value": {
	"name": "h",
	"hostPath": {"path": p, "__loc": fx.L(19, 20, {"path": 20})},
	"__loc": fx.L(19, 20, {"name": 19}),
}}])

test_tg_k8s_011_violation if {
	f := fx.only(host.deny, "TG-K8S-011") with input as fx.deployment(bad_spec)
	f.location == fx.at(24, 24)
	f.message == `Deployment "web" mounts host path "/var/log/app" (volume "logs")`
}

test_tg_k8s_011_compliant if {
	count(fx.ids(host.deny, "TG-K8S-011")) == 0 with input as fx.deployment(good_spec)
}

test_tg_k8s_012_violation if {
	f := fx.only(host.deny, "TG-K8S-012") with input as fx.deployment(bad_spec)
	f.location == fx.at(27, 27)
	f.message == `Deployment "web" mounts sensitive host path "/var/run/docker.sock" (volume "docker")`
}

test_tg_k8s_012_compliant if {
	count(fx.ids(host.deny, "TG-K8S-012")) == 0 with input as fx.deployment(good_spec)
}

test_tg_k8s_012_sensitive_paths_fire_once if {
	every p in ["/", "//", "/etc", "/etc/", "/proc", "/proc/1/root", "/sys", "/dev", "/root", "/var/lib/kubelet", "/var/lib/kubelet/pki", "/etc/kubernetes/pki", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/run/docker.sock"] {
		findings := host.deny with input as fx.deployment(with_host_path(p))
		count(fx.ids(findings, "TG-K8S-012")) == 1
		count(fx.ids(findings, "TG-K8S-011")) == 0
	}
}

test_tg_k8s_011_other_paths_are_not_sensitive if {
	every p in ["/var/log", "/etc/localtime", "/etc/ssl/certs", "/data/app", "/var/lib/app", "/run/app"] {
		findings := host.deny with input as fx.deployment(with_host_path(p))
		count(fx.ids(findings, "TG-K8S-011")) == 1
		count(fx.ids(findings, "TG-K8S-012")) == 0
	}
}

test_tg_k8s_013_violation if {
	f := fx.only(host.deny, "TG-K8S-013") with input as fx.deployment(bad_spec)
	f.location == fx.at(9, 9)
	f.message == `Deployment "web" shares the host network namespace (hostNetwork: true)`
}

test_tg_k8s_013_compliant if {
	count(fx.ids(host.deny, "TG-K8S-013")) == 0 with input as fx.deployment(good_spec)
}

test_tg_k8s_013_string_true_fires if {
	spec := json.patch(good_spec, [{"op": "replace", "path": "/hostNetwork", "value": "true"}])
	count(fx.ids(host.deny, "TG-K8S-013")) == 1 with input as fx.pod(spec)
}

test_tg_k8s_014_violation if {
	f := fx.only(host.deny, "TG-K8S-014") with input as fx.deployment(bad_spec)
	f.location == fx.at(10, 10)
	f.message == `Deployment "web" shares the host process namespace (hostPID: true)`
}

test_tg_k8s_014_compliant if {
	count(fx.ids(host.deny, "TG-K8S-014")) == 0 with input as fx.deployment(good_spec)
}

test_tg_k8s_015_violation if {
	f := fx.only(host.deny, "TG-K8S-015") with input as fx.cronjob(bad_spec)
	f.location == fx.at(11, 11)
	f.message == `CronJob "web" shares the host IPC namespace (hostIPC: true)`
}

test_tg_k8s_015_compliant if {
	count(fx.ids(host.deny, "TG-K8S-015")) == 0 with input as fx.cronjob(good_spec)
}

test_tg_k8s_016_violation if {
	f := fx.only(host.deny, "TG-K8S-016") with input as fx.pod(bad_spec)
	f.location == fx.at(20, 20)
	f.message == `Pod "web": container "app" binds host port 8080`
}

test_tg_k8s_016_compliant if {
	count(fx.ids(host.deny, "TG-K8S-016")) == 0 with input as fx.pod(good_spec)
}

test_tg_k8s_016_zero_is_compliant if {
	spec := json.patch(good_spec, [{"op": "add", "path": "/containers/0/ports/0/hostPort", "value": 0}])
	count(fx.ids(host.deny, "TG-K8S-016")) == 0 with input as fx.pod(spec)
}

test_tg_k8s_017_violation if {
	f := fx.only(host.deny, "TG-K8S-017") with input as fx.deployment(bad_spec)
	f.location == fx.at(14, 14)
	f.message == `Deployment "web": the pod runs as a Windows HostProcess container (hostProcess: true)`
}

test_tg_k8s_017_compliant if {
	count(fx.ids(host.deny, "TG-K8S-017")) == 0 with input as fx.deployment(good_spec)
}

test_tg_k8s_017_container_level_fires if {
	spec := json.patch(good_spec, [{"op": "add", "path": "/containers/0/securityContext", "value": {
		"windowsOptions": {"hostProcess": true, "__loc": fx.L(16, 17, {"hostProcess": 17})},
		"__loc": fx.L(15, 17, {}),
	}}])
	f := fx.only(host.deny, "TG-K8S-017") with input as fx.deployment(spec)
	f.location == fx.at(17, 17)
	f.message == `Deployment "web": container "app" runs as a Windows HostProcess container (hostProcess: true)`
}

test_host_rules_ignore_other_kinds if {
	count(host.deny) == 0 with input as fx.with_type(fx.deployment(bad_spec), "ConfigMap")
}

test_host_rules_tolerate_malformed_fields if {
	spec := {"volumes": "none", "containers": [{"name": "app", "ports": "8080", "__loc": fx.L(9, 9, {})}], "__loc": fx.L(8, 9, {})}
	count(host.deny) == 0 with input as fx.deployment(spec)
}

test_tg_k8s_120_violation if {
	spec := json.patch(good_spec, [{"op": "add", "path": "/volumes/-", "value": {
		"name": "share",
		"nfs": {"server": "10.0.0.5", "path": "/exports", "__loc": fx.L(20, 22, {"server": 21, "path": 22})},
		"__loc": fx.L(19, 22, {"name": 19, "nfs": [20, 22]}),
	}}])
	f := fx.only(host.deny, "TG-K8S-120") with input as fx.deployment(spec)
	f.location == fx.at(20, 22)
	f.message == `Deployment "web" mounts volume "share" of type nfs, outside the restricted volume types`
}

test_tg_k8s_120_compliant if {
	count(fx.ids(host.deny, "TG-K8S-120")) == 0 with input as fx.deployment(good_spec)
	# hostPath volumes are TG-K8S-011's.
	count(fx.ids(host.deny, "TG-K8S-120")) == 0 with input as fx.deployment(bad_spec)
}

test_tg_k8s_132_violation if {
	spec := json.patch(good_spec, [{"op": "replace", "path": "/containers/0/ports/0/containerPort", "value": 80}])
	f := fx.only(host.deny, "TG-K8S-132") with input as fx.deployment(spec)
	f.location == fx.at(15, 15)
	f.message == `Deployment "web": container "app" listens on privileged port 80 (containerPort below 1024)`
}

test_tg_k8s_132_compliant if {
	count(fx.ids(host.deny, "TG-K8S-132")) == 0 with input as fx.deployment(good_spec)
}
