package tollgate.access.kubernetes.pods_test

import data.tollgate.access.kubernetes.pods
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

loc(start, end, attrs) := {"path": "k8s/web.yaml", "start_line": start, "end_line": end, "attrs": attrs}

line(n) := {"start_line": n, "end_line": n}

#  1 apiVersion: apps/v1
#  2 kind: Deployment
#  3 metadata:
#  4   name: web
#  5 spec:
#  6   template:
#  7     spec:
#  8       initContainers:
#  9         - name: setup
# 10           image: busybox:1.36
# 11       containers:
# 12         - name: app
# 13           image: nginx:1.27
# 14           securityContext:
# 15             privileged: PRIVILEGED
deployment(privileged) := {
	"format": "kubernetes",
	"type": "Deployment",
	"name": "web",
	"address": "apps/v1/Deployment/default/web",
	"path": "k8s/web.yaml",
	"resource": {
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"name": "web", "__loc": loc(4, 4, {"name": line(4)})},
		"spec": {
			"template": {
				"spec": {
					"initContainers": [{"name": "setup", "image": "busybox:1.36", "__loc": loc(9, 10, {"name": line(9), "image": line(10)})}],
					"containers": [{
						"name": "app",
						"image": "nginx:1.27",
						"securityContext": {"privileged": privileged, "__loc": loc(15, 15, {"privileged": line(15)})},
						"__loc": loc(12, 15, {"name": line(12), "image": line(13)}),
					}],
					"__loc": loc(8, 15, {}),
				},
				"__loc": loc(7, 15, {}),
			},
			"__loc": loc(6, 15, {}),
		},
		"__loc": loc(1, 15, {"apiVersion": line(1), "kind": line(2)}),
	},
}

test_tg_k8s_001_violation if {
	findings := pods.deny with input as deployment(true)
	some f in findings
	f.rule_id == "TG-K8S-001"
	f.location == {"path": "k8s/web.yaml", "start_line": 15, "end_line": 15}
	f.message == `Deployment "web" runs container "app" privileged`
	count(ids(findings, "TG-K8S-001")) == 1
}

test_tg_k8s_001_compliant if {
	findings := pods.deny with input as deployment(false)
	count(ids(findings, "TG-K8S-001")) == 0
}

test_tg_k8s_001_string_value if {
	count(ids(pods.deny, "TG-K8S-001")) == 1 with input as deployment("true")
	count(ids(pods.deny, "TG-K8S-001")) == 0 with input as deployment("false")
}

test_tg_k8s_001_no_security_context_compliant if {
	doc := json.remove(deployment(true), ["resource/spec/template/spec/containers/0/securityContext"])
	count(ids(pods.deny, "TG-K8S-001")) == 0 with input as doc
}

#  1 apiVersion: v1
#  2 kind: Pod
#  3 metadata:
#  4   name: debug
#  5 spec:
#  6   initContainers:
#  7     - name: sysctl
#  8       image: busybox:1.36
#  9       securityContext:
# 10         privileged: true
# 11   containers:
# 12     - name: shell
# 13       image: busybox:1.36
pod := {
	"format": "kubernetes",
	"type": "Pod",
	"name": "debug",
	"address": "v1/Pod/default/debug",
	"path": "k8s/web.yaml",
	"resource": {
		"apiVersion": "v1",
		"kind": "Pod",
		"metadata": {"name": "debug", "__loc": loc(4, 4, {"name": line(4)})},
		"spec": {
			"initContainers": [{
				"name": "sysctl",
				"image": "busybox:1.36",
				"securityContext": {"privileged": true, "__loc": loc(10, 10, {"privileged": line(10)})},
				"__loc": loc(7, 10, {"name": line(7), "image": line(8)}),
			}],
			"containers": [{"name": "shell", "image": "busybox:1.36", "__loc": loc(12, 13, {"name": line(12), "image": line(13)})}],
			"__loc": loc(6, 13, {}),
		},
		"__loc": loc(1, 13, {"apiVersion": line(1), "kind": line(2)}),
	},
}

test_tg_k8s_001_pod_init_container_violation if {
	findings := pods.deny with input as pod
	some f in findings
	f.rule_id == "TG-K8S-001"
	f.location == {"path": "k8s/web.yaml", "start_line": 10, "end_line": 10}
	f.message == `Pod "debug" runs init container "sysctl" privileged`
}

#  1 apiVersion: batch/v1
#  2 kind: CronJob
#  3 metadata:
#  4   name: backup
#  5 spec:
#  6   schedule: "0 3 * * *"
#  7   jobTemplate:
#  8     spec:
#  9       template:
# 10         spec:
# 11           containers:
# 12             - name: dump
# 13               securityContext:
# 14                 privileged: true
test_tg_k8s_001_cronjob_violation if {
	doc := {
		"format": "kubernetes",
		"type": "CronJob",
		"name": "backup",
		"address": "batch/v1/CronJob/default/backup",
		"path": "k8s/web.yaml",
		"resource": {
			"apiVersion": "batch/v1",
			"kind": "CronJob",
			"metadata": {"name": "backup", "__loc": loc(4, 4, {"name": line(4)})},
			"spec": {
				"schedule": "0 3 * * *",
				"jobTemplate": {
					"spec": {
						"template": {
							"spec": {
								"containers": [{
									"name": "dump",
									"securityContext": {"privileged": true, "__loc": loc(14, 14, {"privileged": line(14)})},
									"__loc": loc(12, 14, {"name": line(12)}),
								}],
								"__loc": loc(11, 14, {}),
							},
							"__loc": loc(10, 14, {}),
						},
						"__loc": loc(9, 14, {}),
					},
					"__loc": loc(8, 14, {}),
				},
				"__loc": loc(6, 14, {"schedule": line(6)}),
			},
			"__loc": loc(1, 14, {"apiVersion": line(1), "kind": line(2)}),
		},
	}
	findings := pods.deny with input as doc
	some f in findings
	f.rule_id == "TG-K8S-001"
	f.location == {"path": "k8s/web.yaml", "start_line": 14, "end_line": 14}
}

test_tg_k8s_001_other_kinds_ignored if {
	doc := json.patch(deployment(true), [{"op": "replace", "path": "/type", "value": "ConfigMap"}])
	count(ids(pods.deny, "TG-K8S-001")) == 0 with input as doc
}
