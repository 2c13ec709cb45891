# Five deny rules over Kubernetes objects as conftest reads them (one input
# per document of a multi-document file). See terraform.rego.
package main

workloads := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}

pod_spec := input.spec.template.spec if input.kind in workloads

pod_spec := input.spec.jobTemplate.spec.template.spec if input.kind == "CronJob"

pod_spec := input.spec if input.kind == "Pod"

containers contains c if some c in pod_spec.containers

containers contains c if some c in pod_spec.initContainers

deny contains msg if {
	some c in containers
	c.securityContext.privileged == true
	msg := sprintf("%s %s/%s: container %s is privileged", [input.kind, input.metadata.namespace, input.metadata.name, c.name])
}

deny contains msg if {
	some c in containers
	not pod_spec.securityContext.runAsNonRoot == true
	not c.securityContext.runAsNonRoot == true
	msg := sprintf("%s %s/%s: container %s may run as root", [input.kind, input.metadata.namespace, input.metadata.name, c.name])
}

deny contains msg if {
	some c in containers
	not pinned(c.image)
	msg := sprintf("%s %s/%s: container %s runs a mutable image tag (%s)", [input.kind, input.metadata.namespace, input.metadata.name, c.name, c.image])
}

pinned(image) if contains(image, "@sha256:")

pinned(image) if {
	not endswith(image, ":latest")
	regex.match(`:[^/]+$`, image)
}

deny contains msg if {
	some c in containers
	not c.resources.limits.memory
	msg := sprintf("%s %s/%s: container %s has no memory limit", [input.kind, input.metadata.namespace, input.metadata.name, c.name])
}

deny contains msg if {
	input.kind in {"Role", "ClusterRole"}
	some rule in input.rules
	"*" in rule.verbs
	msg := sprintf("%s %s: a rule grants every verb", [input.kind, input.metadata.name])
}
