package tollgate.access.kubernetes.pods

import data.tollgate.lib
import rego.v1

# Kinds whose pod template is at spec.template.spec.
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

# pod_spec(kind, manifest) is the pod spec of a Pod or of a workload's pod template.
pod_spec(kind, manifest) := manifest.spec if kind == "Pod"

pod_spec(kind, manifest) := manifest.spec.template.spec if kind in template_kinds

pod_spec(kind, manifest) := manifest.spec.jobTemplate.spec.template.spec if kind == "CronJob"

container_lists := {
	"initContainers": "init container",
	"containers": "container",
	"ephemeralContainers": "ephemeral container",
}

# METADATA
# title: Container runs privileged
# description: |
#   A privileged container has every capability and access to all of the node's devices:
#   escaping to the node is trivial. Checked on the containers, init containers and
#   ephemeral containers of Pods and of the pod templates of Deployments, StatefulSets,
#   DaemonSets, ReplicaSets, ReplicationControllers, Jobs and CronJobs.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-001
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove securityContext.privileged (or set it to false) and grant only the specific capabilities the container needs.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.2"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"}
	spec := pod_spec(input.type, input.resource)
	some list, label in container_lists
	some c in spec[list]
	sc := c.securityContext
	privileged(sc.privileged)
	msg := sprintf("%s %q runs %s %q privileged", [input.type, input.name, label, object.get(c, "name", "")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(sc, "privileged"), msg)
}

# lib.is_true is given strings only: on a boolean false it would raise a type error
# when builtin errors are strict.
privileged(v) if v == true

privileged(v) if {
	is_string(v)
	lib.is_true(v)
}
