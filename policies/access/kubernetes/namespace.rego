package tollgate.access.kubernetes.namespace

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: Object is deployed to the default namespace
# description: |
#   metadata.namespace is default. The default namespace is where everything lands that
#   names no namespace; it is rarely covered by dedicated RBAC, NetworkPolicies, quotas or
#   Pod Security labels, so workloads there share one loosely controlled boundary. Only an
#   explicit namespace default is reported: a manifest without a namespace is usually given
#   one at deployment.
# related_resources:
# - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# custom:
#   id: TG-K8S-051
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Create a namespace for the application (with its RBAC, NetworkPolicies and Pod Security labels) and deploy into it.
#   frameworks:
#     cis-kubernetes-1.8: ["5.7.1", "5.7.4"]
#     nist-800-53: ["AC-4", "SC-7"]
deny contains finding if {
	input.format == "kubernetes"
	meta := input.resource.metadata
	meta.namespace == "default"
	msg := sprintf("%s %q is deployed to the default namespace", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(meta, "namespace"), msg)
}

enforce_label := "pod-security.kubernetes.io/enforce"

# Namespaces of the control plane, which Pod Security admission exempts by convention.
system_namespaces := {"kube-system", "kube-public", "kube-node-lease"}

labels(meta) := l if {
	l := meta.labels
	is_object(l)
} else := {}

enforce_problem(meta) := "enforces the privileged Pod Security Standard, which allows everything" if {
	labels(meta)[enforce_label] == "privileged"
} else := sprintf("does not enforce a Pod Security Standard (no %s label)", [enforce_label]) if {
	not labels(meta)[enforce_label]
}

enforce_loc(meta) := lib.attr_loc(meta.labels, enforce_label) if {
	is_object(meta.labels)
} else := lib.loc(meta)

# METADATA
# title: Namespace does not enforce a Pod Security Standard
# description: |
#   The Namespace has no pod-security.kubernetes.io/enforce label, or sets it to privileged:
#   Pod Security admission lets any pod in, privileged containers and host namespaces
#   included, unless another admission policy engine stands in. The control-plane namespaces
#   (kube-system, kube-public, kube-node-lease) are not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-admission/
# - https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/
# custom:
#   id: TG-K8S-052
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: 'Label the namespace pod-security.kubernetes.io/enforce: restricted (or baseline), with enforce-version pinned, after checking its workloads with the warn and audit modes.'
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.1"]
#     nist-800-53: ["CM-7", "AC-6"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type == "Namespace"
	not input.name in system_namespaces
	meta := input.resource.metadata
	is_object(meta)
	problem := enforce_problem(meta)
	msg := sprintf("Namespace %q %s", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), enforce_loc(meta), msg)
}

# control_plane_binaries are the components whose static pods belong in kube-system.
control_plane_binaries := {"kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"}

# control_plane_component holds for a document that runs a control-plane component: a
# container starting one of control_plane_binaries, or the labels kubeadm gives them
# (tier: control-plane, component: NAME).
control_plane_component if {
	some binary in control_plane_binaries
	count(workload.containers_started(input.type, input.resource, binary)) > 0
}

control_plane_component if {
	l := labels(input.resource.metadata)
	l.tier == "control-plane"
	l.component in control_plane_binaries
}

# METADATA
# title: Object is deployed to kube-system
# description: |
#   metadata.namespace is kube-system, and the object is not a control-plane component
#   (kube-apiserver, kube-controller-manager, kube-scheduler, etcd). kube-system holds the
#   cluster's own components and their highly privileged service accounts and Secrets; it
#   is exempt from Pod Security admission by convention, so a workload placed there runs
#   next to them with the fewest guard rails, and whoever may deploy there may read or
#   borrow those credentials.
# related_resources:
# - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: TG-K8S-134
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Deploy the application, and add-ons you operate yourself, to a namespace of their own with its RBAC, NetworkPolicies and Pod Security labels.
#   frameworks:
#     nist-800-53: ["AC-4", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.format == "kubernetes"
	meta := input.resource.metadata
	meta.namespace == "kube-system"
	is_object(input.resource.spec)
	not control_plane_component
	msg := sprintf("%s %q is deployed to kube-system, the namespace of the cluster's own components", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(meta, "namespace"), msg)
}
