package tollgate.access.kubernetes.namespace_unset

import data.tollgate.lib
import rego.v1

# Objects created per namespace by Kubernetes itself, which a manifest may describe
# without a namespace.
built_in := {
	"ServiceAccount": "default",
	"Service": "kubernetes",
}

# METADATA
# title: Object names no namespace
# description: |
#   The workload, Service, Secret, ConfigMap, ServiceAccount, Role, RoleBinding or Ingress
#   has no metadata.namespace: it is created in whatever namespace the deployment command
#   or the current kubectl context names, which is the default namespace unless one is
#   chosen. The default namespace is rarely covered by dedicated RBAC, NetworkPolicies,
#   quotas or Pod Security labels. Charts and bases whose namespace is chosen at install
#   are reported too, for information; an explicit namespace default is TG-K8S-051's. The
#   default ServiceAccount and the kubernetes Service, which exist in every namespace, are
#   not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# - https://kubernetes.io/docs/tasks/administer-cluster/namespaces/#setting-the-namespace-preference
# custom:
#   id: TG-K8S-141
#   severity: info
#   category: access
#   provider: kubernetes
#   remediation: Set metadata.namespace to the application's namespace (or the namespace field of the Kustomization), and make sure the deployment pipeline installs into it (helm install -n, kubectl apply -n).
#   frameworks:
#     cis-kubernetes-1.8: ["5.7.4"]
#     nist-800-53: ["AC-4", "SC-7"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "DeploymentConfig", "Service", "Secret", "ServiceAccount", "ConfigMap", "Role", "RoleBinding", "Ingress"}
	input.format == "kubernetes"
	not built_in[input.type] == input.name
	location := unset_namespace(input.resource)
	msg := sprintf("%s %q names no namespace: it is created in the deployer's current namespace, default unless one is chosen", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

unset_namespace(r) := lib.loc(r.metadata) if {
	is_object(r.metadata)
	lib.missing(r.metadata, "namespace")
} else := lib.attr_loc(r.metadata, "namespace") if {
	r.metadata.namespace == ""
} else := lib.loc(r) if {
	lib.missing(r, "metadata")
}
