package tollgate.access.kubernetes.service_account

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: Pod mounts its service account token by default
# description: |
#   The pod spec does not set automountServiceAccountToken, so (unless its ServiceAccount
#   opts out) the kubelet mounts an API token into every container. Code execution in any
#   container then yields the service account's Kubernetes permissions. An explicit
#   automountServiceAccountToken true is taken as a deliberate choice and not reported.
# related_resources:
# - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: TG-K8S-029
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Set automountServiceAccountToken false on pods that do not call the Kubernetes API (or on their ServiceAccount), and true only where the API is needed.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.6"]
#     nist-800-53: ["AC-6", "IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	is_object(spec)
	not has_automount(spec)
	msg := sprintf("%s %q mounts its service account token by default (automountServiceAccountToken is not set)", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(spec), msg)
}

has_automount(obj) if is_boolean(obj.automountServiceAccountToken)

has_automount(obj) if is_string(obj.automountServiceAccountToken)

token_disabled(obj) if lib.is_false(obj.automountServiceAccountToken)

# service_account(spec) is the name of the pod's service account; "default" when unset.
service_account(spec) := name if {
	name := spec.serviceAccountName
	is_string(name)
	name != ""
} else := name if {
	name := spec.serviceAccount
	is_string(name)
	name != ""
} else := "default"

# METADATA
# title: Pod runs under the default service account
# description: |
#   The pod names the default service account (or names none and mounts its token
#   explicitly): it shares the namespace's default service account, and its API identity,
#   with every other pod that did the same. Any permission granted to one of them is
#   granted to all. A pod that sets neither is reported once, by TG-K8S-029.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
# custom:
#   id: TG-K8S-030
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Create a ServiceAccount for the workload and set serviceAccountName, or set automountServiceAccountToken false when the pod does not call the API.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.5"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	is_object(spec)
	service_account(spec) == "default"
	not token_disabled(spec)
	key := default_sa_key(spec)
	msg := sprintf("%s %q runs under the default service account with its token mounted", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, key), msg)
}

# default_sa_key(spec) is the attribute that makes the pod use the default
# service account with its token: an explicit name, else an explicit
# automountServiceAccountToken true. Undefined when the pod sets neither
# (TG-K8S-029 reports that one).
default_sa_key(spec) := "serviceAccountName" if {
	spec.serviceAccountName == "default"
} else := "serviceAccount" if {
	spec.serviceAccount == "default"
} else := "automountServiceAccountToken" if {
	has_automount(spec)
}

# METADATA
# title: Default service account mounts its token
# description: |
#   The namespace's default ServiceAccount does not set automountServiceAccountToken
#   false: every pod that names no service account gets an API token mounted, whether or
#   not it needs one.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
# - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: TG-K8S-031
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Set automountServiceAccountToken false on the default ServiceAccount and give workloads that call the API their own ServiceAccount.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.5"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type == "ServiceAccount"
	input.name == "default"
	sa := input.resource
	not token_disabled(sa)
	msg := sprintf("default ServiceAccount of namespace %q mounts its token in every pod (automountServiceAccountToken is not false)", [namespace(sa)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(sa, "automountServiceAccountToken"), msg)
}

namespace(manifest) := ns if {
	ns := manifest.metadata.namespace
	is_string(ns)
} else := "default"
