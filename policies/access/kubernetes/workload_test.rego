package tollgate.access.kubernetes.workload_test

import data.tollgate.access.kubernetes.workload
import rego.v1

test_image_tag if {
	workload.image_tag("nginx") == ""
	workload.image_tag("nginx:1.27") == "1.27"
	workload.image_tag("registry.example:5000/team/app") == ""
	workload.image_tag("registry.example:5000/team/app:v2") == "v2"
	workload.image_tag("nginx:1.27@sha256:abcd") == ""
}

test_digest_pinned if {
	workload.digest_pinned("nginx@sha256:abcd")
	not workload.digest_pinned("nginx:1.27")
}

container(command, args) := {"name": "api", "command": command, "args": args}

test_flags if {
	c := container(["kube-apiserver", "--a=1", "--b", "--a=2", "-c=3", "--list=x, y,,z"], ["--d=e=f"])
	workload.flag(c, "a") == "2"
	workload.flag(c, "b") == "true"
	not workload.flag(c, "c")
	workload.flag(c, "d") == "e=f"
	workload.flag_list(c, "list") == {"x", "y", "z"}
	workload.flag_list(c, "missing") == set()
}

test_runs if {
	workload.runs(container(["/usr/local/bin/kube-apiserver"], []), "kube-apiserver")
	workload.runs({"image": "registry.k8s.io/kube-apiserver-arm64:v1.30.2"}, "kube-apiserver")
	not workload.runs(container(["sh", "-c", "kube-apiserver --x"], []), "kube-apiserver")
	not workload.runs({"image": "example.com/kube-apiserver-proxy-sidecar:1"}, "kube-apiserver")
}

test_setting_container_overrides_pod if {
	spec := {"securityContext": {"runAsUser": 0, "runAsNonRoot": true}}
	c := {"securityContext": {"runAsUser": 1000}}
	workload.setting(spec, c, "runAsUser") == 1000
	workload.setting(spec, c, "runAsNonRoot") == true
	not workload.setting(spec, c, "seccompProfile")
}

test_pod_spec_locations if {
	workload.pod_spec("Pod", {"spec": "p"}) == "p"
	workload.pod_spec("Deployment", {"spec": {"template": {"spec": "d"}}}) == "d"
	workload.pod_spec("CronJob", {"spec": {"jobTemplate": {"spec": {"template": {"spec": "c"}}}}}) == "c"
	workload.pod_spec("PodTemplate", {"template": {"spec": "t"}}) == "t"
	not workload.pod_spec("Service", {"spec": "s"})
}

test_kinds_match_the_literal_in_rules if {
	workload.kinds == {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
}
