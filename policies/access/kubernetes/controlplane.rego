package tollgate.access.kubernetes.controlplane

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# profiled is the set of [container, component] of the control-plane containers in the
# input that serve the profiling endpoint: --profiling defaults to true. A scheduler
# started with --config and no --profiling flag takes it from its configuration file,
# which is not judged here.
profiled contains [c, component] if {
	some component in ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]
	some c in workload.containers_running(input.type, input.resource, component)
	not flag_false(c, "profiling")
	not profiling_from_config(c, component)
}

profiling_from_config(c, "kube-scheduler") if {
	workload.flag(c, "config")
	not workload.flag(c, "profiling")
}

# METADATA
# title: Control-plane component serves profiling data
# description: |
#   A kube-apiserver, kube-controller-manager or kube-scheduler container does not set
#   --profiling=false (profiling is on by default): its /debug/pprof endpoints expose
#   detailed run-time and memory data about the component to whoever is authorized to
#   read them, and profiling adds attack surface a production control plane does not need.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/
# custom:
#   id: TG-K8S-093
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Add --profiling=false to the component's command (enableProfiling false in a KubeSchedulerConfiguration), and turn it on only while debugging.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.16", "1.3.2", "1.4.1"]
#     nist-800-53: ["CM-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [c, component] in profiled
	msg := sprintf("%s: %s serves profiling data (--profiling is not false)", [workload.subject, component])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "profiling"), msg)
}

# METADATA
# title: kube-controller-manager runs controllers with its own credentials
# description: |
#   A kube-controller-manager container does not set --use-service-account-credentials=true
#   (it is false by default): every controller acts with the controller manager's own,
#   very broad, identity instead of a service account holding only that controller's
#   permissions.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# custom:
#   id: TG-K8S-095
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Add --use-service-account-credentials=true to the kube-controller-manager command.
#   frameworks:
#     cis-kubernetes-1.8: ["1.3.3"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-controller-manager")
	not flag_true(c, "use-service-account-credentials")
	msg := sprintf("%s: kube-controller-manager runs every controller with its own credentials (--use-service-account-credentials is not true)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "use-service-account-credentials"), msg)
}

# METADATA
# title: kube-controller-manager has no service account signing key
# description: |
#   A kube-controller-manager container sets no --service-account-private-key-file: it
#   cannot sign the tokens of service account token Secrets with a key of its own, and the
#   key cannot be rotated apart from the serving certificates.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# custom:
#   id: TG-K8S-096
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Set --service-account-private-key-file to the private key whose public half kube-apiserver lists in --service-account-key-file.
#   frameworks:
#     cis-kubernetes-1.8: ["1.3.4"]
#     nist-800-53: ["IA-5", "SC-12"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-controller-manager")
	not workload.flag(c, "service-account-private-key-file")
	msg := sprintf("%s: kube-controller-manager has no service account signing key (no --service-account-private-key-file)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "service-account-private-key-file"), msg)
}

# METADATA
# title: kube-controller-manager gives pods no cluster CA
# description: |
#   A kube-controller-manager container sets no --root-ca-file: the service account
#   credentials given to pods carry no CA bundle, so pods cannot verify the API server's
#   certificate and are open to interception, or skip verification altogether.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# custom:
#   id: TG-K8S-097
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Set --root-ca-file to the CA bundle that signed the API server's serving certificate.
#   frameworks:
#     cis-kubernetes-1.8: ["1.3.5"]
#     nist-800-53: ["SC-8", "SC-23"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-controller-manager")
	not workload.flag(c, "root-ca-file")
	msg := sprintf("%s: kube-controller-manager gives pods no cluster CA (no --root-ca-file)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "root-ca-file"), msg)
}

loopback := {"127.0.0.1", "::1", "localhost"}

# exposed is the set of [container, component, why] of controller-manager and scheduler
# containers that serve on every interface: --bind-address defaults to 0.0.0.0.
exposed contains [c, component, why] if {
	some component in ["kube-controller-manager", "kube-scheduler"]
	some c in workload.containers_running(input.type, input.resource, component)
	why := bind_problem(c)
}

bind_problem(c) := sprintf("--bind-address=%s", [v]) if {
	v := workload.flag(c, "bind-address")
	not v in loopback
} else := "no --bind-address, and the default is 0.0.0.0" if {
	not workload.flag(c, "bind-address")
}

# METADATA
# title: Controller manager or scheduler listens on every interface
# description: |
#   A kube-controller-manager or kube-scheduler container does not bind its secure port to
#   the loopback address (--bind-address defaults to 0.0.0.0): its health, metrics and
#   debugging endpoints are reachable from the network, while the components only need to
#   talk to the local API server.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/
# custom:
#   id: TG-K8S-098
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Add --bind-address=127.0.0.1 to the kube-controller-manager and kube-scheduler commands, and scrape their metrics through a local proxy.
#   frameworks:
#     cis-kubernetes-1.8: ["1.3.7", "1.4.2"]
#     nist-800-53: ["CM-7", "SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [c, component, why] in exposed
	msg := sprintf("%s: %s listens on every interface (%s)", [workload.subject, component, why])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "bind-address"), msg)
}

# etcd_enabled(c, name) holds when the etcd option name is true, or may be (set in a file
# or an environment variable this document does not show).
etcd_enabled(c, name) if lib.is_true(workload.etcd_setting(c, name))

etcd_enabled(c, name) if workload.etcd_unknown(c, name)

# METADATA
# title: etcd does not authenticate its clients
# description: |
#   An etcd container does not set --client-cert-auth=true (it is false by default): any
#   client that reaches the client port can read and write the whole cluster state, Secrets
#   included, without a certificate signed by the trusted CA.
# related_resources:
# - https://etcd.io/docs/latest/op-guide/security/
# - https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters
# custom:
#   id: TG-K8S-099
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Add --client-cert-auth=true and --trusted-ca-file to the etcd command, and give kube-apiserver a client certificate (--etcd-certfile, --etcd-keyfile).
#   frameworks:
#     cis-kubernetes-1.8: ["2.2"]
#     nist-800-53: ["IA-3", "AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_started(input.type, input.resource, "etcd")
	not etcd_enabled(c, "client-cert-auth")
	msg := sprintf("%s: etcd does not authenticate its clients (--client-cert-auth is not true)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "client-cert-auth"), msg)
}

# METADATA
# title: etcd does not authenticate its peers
# description: |
#   An etcd container does not set --peer-client-cert-auth=true (it is false by default):
#   any host that reaches the peer port can join the cluster or replicate its data without
#   a certificate signed by the peer CA.
# related_resources:
# - https://etcd.io/docs/latest/op-guide/security/
# custom:
#   id: TG-K8S-100
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Add --peer-client-cert-auth=true and --peer-trusted-ca-file to the etcd command.
#   frameworks:
#     cis-kubernetes-1.8: ["2.5"]
#     nist-800-53: ["IA-3", "AC-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_started(input.type, input.resource, "etcd")
	not etcd_enabled(c, "peer-client-cert-auth")
	msg := sprintf("%s: etcd does not authenticate its peers (--peer-client-cert-auth is not true)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "peer-client-cert-auth"), msg)
}

# flag_false(c, name) holds when container c sets --name to false. (A helper, so that `not`
# applies to the whole test when the flag is absent.)
flag_false(c, name) if lib.is_false(workload.flag(c, name))

# flag_true(c, name) holds when container c sets --name to true. (A helper, so that `not`
# applies to the whole test when the flag is absent.)
flag_true(c, name) if lib.is_true(workload.flag(c, name))
