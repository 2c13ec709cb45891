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

# METADATA
# title: kube-apiserver does not authenticate to kubelets
# description: |
#   A kube-apiserver container sets no --kubelet-client-certificate or no
#   --kubelet-client-key: the API server calls kubelets (exec, attach, logs, port-forward)
#   without a client certificate, so the kubelets can only serve it if they accept
#   unauthenticated requests.
# related_resources:
# - https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# custom:
#   id: TG-K8S-084
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Issue the API server a client certificate the kubelets trust and pass it with --kubelet-client-certificate and --kubelet-client-key; keep kubelet anonymous access off.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.4"]
#     nist-800-53: ["IA-3", "SC-8"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	missing := [f | some f in ["kubelet-client-certificate", "kubelet-client-key"]; not workload.flag(c, f)]
	count(missing) > 0
	msg := sprintf("%s: kube-apiserver does not authenticate to kubelets (no --%s)", [workload.subject, concat(", --", missing)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, missing[0]), msg)
}

# METADATA
# title: kube-apiserver has no service account verification key
# description: |
#   A kube-apiserver container sets no --service-account-key-file: service account tokens
#   are verified with the API server's TLS serving key, so the token signing key cannot be
#   rotated (or kept elsewhere) independently of the serving certificate.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# custom:
#   id: TG-K8S-085
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Set --service-account-key-file to the public key(s) matching the controller manager's --service-account-private-key-file (and --service-account-signing-key-file), listing the old and the new key during a rotation.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.23"]
#     nist-800-53: ["IA-5", "SC-12"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	not workload.flag(c, "service-account-key-file")
	msg := sprintf("%s: kube-apiserver has no service account verification key (no --service-account-key-file)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "service-account-key-file"), msg)
}

# METADATA
# title: kube-apiserver does not authenticate client certificates
# description: |
#   A kube-apiserver container sets no --client-ca-file: client certificates are not
#   verified, so kubelets and control-plane components cannot authenticate with them and
#   fall back to long-lived tokens or to no authentication at all.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates
# custom:
#   id: TG-K8S-086
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Set --client-ca-file to the cluster CA that signs the components' and users' client certificates.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.26"]
#     nist-800-53: ["IA-2", "IA-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	not workload.flag(c, "client-ca-file")
	msg := sprintf("%s: kube-apiserver does not authenticate client certificates (no --client-ca-file)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "client-ca-file"), msg)
}

# enabled_plugins(c) is the set of admission plugins the container turns on by flag
# (--enable-admission-plugins, or the older --admission-control).
enabled_plugins(c) := workload.flag_list(c, "enable-admission-plugins") | workload.flag_list(c, "admission-control")

# plugin_loc(c) is where the enabled admission plugins are (or belong).
plugin_loc(c) := workload.flag_loc(c, "admission-control") if {
	not workload.flag(c, "enable-admission-plugins")
	workload.flag(c, "admission-control")
} else := workload.flag_loc(c, "enable-admission-plugins")

# METADATA
# title: kube-apiserver enables the AlwaysAdmit admission plugin
# description: |
#   A kube-apiserver container enables the AlwaysAdmit admission plugin, which admits every
#   request: it is deprecated and defeats the admission controllers that enforce policy.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwaysadmit
# custom:
#   id: TG-K8S-087
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove AlwaysAdmit from --enable-admission-plugins.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.10"]
#     nist-800-53: ["AC-3", "CM-7"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	"AlwaysAdmit" in enabled_plugins(c)
	msg := sprintf("%s: kube-apiserver enables the AlwaysAdmit admission plugin", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), plugin_loc(c), msg)
}

# METADATA
# title: kube-apiserver does not enable AlwaysPullImages
# description: |
#   A kube-apiserver container does not enable the AlwaysPullImages admission plugin (it is
#   off by default): a pod can start from a private image already cached on its node without
#   the pull credentials for it, so on shared clusters one tenant can run another's images.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages
# custom:
#   id: TG-K8S-088
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Add AlwaysPullImages to --enable-admission-plugins (or, from Kubernetes 1.33, enable the kubelet's credential verification for cached images).
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.11"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	not "AlwaysPullImages" in enabled_plugins(c)
	msg := sprintf("%s: kube-apiserver does not enable the AlwaysPullImages admission plugin", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), plugin_loc(c), msg)
}

# METADATA
# title: kube-apiserver disables the ServiceAccount admission plugin
# description: |
#   A kube-apiserver container lists ServiceAccount in --disable-admission-plugins: pods are
#   no longer checked against their service account (its existence, its allowed Secrets)
#   nor given a bound, expiring token.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#serviceaccount
# custom:
#   id: TG-K8S-089
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove ServiceAccount from --disable-admission-plugins (it is on by default).
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.13"]
#     nist-800-53: ["AC-2", "IA-5"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	"ServiceAccount" in workload.flag_list(c, "disable-admission-plugins")
	msg := sprintf("%s: kube-apiserver disables the ServiceAccount admission plugin", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "disable-admission-plugins"), msg)
}

# METADATA
# title: kube-apiserver does not enable NodeRestriction
# description: |
#   A kube-apiserver container does not enable the NodeRestriction admission plugin (it is
#   off by default): a kubelet's credentials can modify any Node and the pods of other nodes,
#   and set labels that steer workloads onto it, so one compromised node reaches the rest.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction
# custom:
#   id: TG-K8S-090
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Add NodeRestriction to --enable-admission-plugins, with --authorization-mode including Node.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.15"]
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	not "NodeRestriction" in enabled_plugins(c)
	msg := sprintf("%s: kube-apiserver does not enable the NodeRestriction admission plugin", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), plugin_loc(c), msg)
}

# METADATA
# title: kube-apiserver authorization omits Node or RBAC
# description: |
#   A kube-apiserver container sets --authorization-mode without Node or without RBAC (and
#   not AlwaysAllow, reported on its own): without Node, kubelets are authorized by broader
#   rules than their own node's objects; without RBAC, Roles and bindings have no effect.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/node/
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/
# custom:
#   id: TG-K8S-091
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Set --authorization-mode=Node,RBAC (Webhook may follow them).
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.7", "1.2.8"]
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	modes := workload.flag_list(c, "authorization-mode")
	count(modes) > 0
	not "AlwaysAllow" in modes
	missing := [m | some m in ["Node", "RBAC"]; not m in modes]
	count(missing) > 0
	msg := sprintf("%s: kube-apiserver authorization omits %s (--authorization-mode=%s)", [workload.subject, concat(" and ", missing), workload.flag(c, "authorization-mode")])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "authorization-mode"), msg)
}

# METADATA
# title: kube-apiserver accepts tokens of deleted service accounts
# description: |
#   A kube-apiserver container sets --service-account-lookup=false: service account tokens
#   are not checked against etcd, so a token stays valid after its service account (or its
#   Secret) is deleted, until it expires.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# custom:
#   id: TG-K8S-092
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove --service-account-lookup=false (the default is true).
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.22"]
#     nist-800-53: ["AC-2", "IA-5"]
#     soc2: ["CC6.1", "CC6.2"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	lib.is_false(workload.flag(c, "service-account-lookup"))
	msg := sprintf("%s: kube-apiserver accepts tokens of deleted service accounts (--service-account-lookup=false)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "service-account-lookup"), msg)
}
