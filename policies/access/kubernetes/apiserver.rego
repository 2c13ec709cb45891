package tollgate.access.kubernetes.apiserver

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: kube-apiserver accepts anonymous requests
# description: |
#   A kube-apiserver container (a static pod manifest such as
#   /etc/kubernetes/manifests/kube-apiserver.yaml) does not set --anonymous-auth=false: any
#   request without credentials is served as system:anonymous, and every permission bound
#   to it or to system:unauthenticated is open to whoever reaches the API server. Servers
#   configured with --authentication-config (where anonymous access is set) are not reported.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# custom:
#   id: TG-K8S-053
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Add --anonymous-auth=false to the kube-apiserver command, or allow anonymous requests only to the health endpoints with an AuthenticationConfiguration.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.1"]
#     nist-800-53: ["AC-14", "IA-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	not workload.flag(c, "authentication-config")
	not anonymous_disabled(c)
	msg := sprintf("%s: kube-apiserver accepts anonymous requests (--anonymous-auth is not false)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "anonymous-auth"), msg)
}

anonymous_disabled(c) if lib.is_false(workload.flag(c, "anonymous-auth"))

# authorization_problem(c) describes an authorizer chain that allows every request.
authorization_problem(c) := "--authorization-mode includes AlwaysAllow" if {
	"AlwaysAllow" in workload.flag_list(c, "authorization-mode")
} else := "no --authorization-mode or --authorization-config is set, and the default is AlwaysAllow" if {
	not workload.flag(c, "authorization-mode")
	not workload.flag(c, "authorization-config")
}

# METADATA
# title: kube-apiserver authorizes every request
# description: |
#   A kube-apiserver container runs with --authorization-mode including AlwaysAllow, or with
#   neither --authorization-mode nor --authorization-config (the default mode is
#   AlwaysAllow): every authenticated request, and every anonymous one unless anonymous
#   access is off, may do anything to the cluster. RBAC bindings have no effect.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# custom:
#   id: TG-K8S-054
#   severity: critical
#   category: access
#   provider: kubernetes
#   remediation: Set --authorization-mode=Node,RBAC (or an --authorization-config without AlwaysAllow).
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.6", "1.2.7", "1.2.8"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1", "CC6.3"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	problem := authorization_problem(c)
	msg := sprintf("%s: kube-apiserver authorizes every request (%s)", [workload.subject, problem])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "authorization-mode"), msg)
}

# METADATA
# title: kube-apiserver accepts static tokens
# description: |
#   A kube-apiserver container sets --token-auth-file: bearer tokens are read from a file
#   on the control-plane node, never expire, and can only be revoked by editing the file
#   and restarting the API server.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file
# custom:
#   id: TG-K8S-055
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove --token-auth-file and authenticate users with client certificates from a short-lived issuer, OIDC, or a webhook.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.2"]
#     nist-800-53: ["IA-5", "IA-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	workload.flag(c, "token-auth-file")
	msg := sprintf("%s: kube-apiserver accepts static bearer tokens (--token-auth-file is set)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "token-auth-file"), msg)
}
