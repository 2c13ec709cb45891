package tollgate.access.kubernetes.kubelet

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# The kubelet's settings come from a KubeletConfiguration document, or from the flags of a
# container that runs the kubelet (command starting with kubelet). Flags override the
# configuration file; a container started with --config takes the settings it does not
# give as flags from a file this document does not show, so their defaults are not
# assumed. Without --config, the command-line defaults apply, and several are insecure
# (anonymous-auth true, authorization-mode AlwaysAllow, read-only-port 10255).

# kubelets is the set of kubelet containers of the input.
kubelets := workload.containers_started(input.type, input.resource, "kubelet")

# flag_unset(c, name) holds when kubelet container c leaves --name to its command-line
# default: it does not give the flag and reads no configuration file.
flag_unset(c, name) if {
	not workload.flag(c, name)
	not workload.flag(c, "config")
}

# container_subject(c) names the kubelet container in messages.
container_subject(c) := sprintf("%s: kubelet", [workload.subject])

anonymous contains [lib.attr_loc(anon, "enabled"), sprintf("%s allows anonymous requests to the kubelet API (authentication.anonymous.enabled: true)", [workload.subject])] if {
	input.type == "KubeletConfiguration"
	anon := input.resource.authentication.anonymous
	lib.is_true(anon.enabled)
}

anonymous contains [workload.flag_loc(c, "anonymous-auth"), sprintf("%s allows anonymous requests to the kubelet API (%s)", [container_subject(c), why])] if {
	some c in kubelets
	why := anonymous_flag(c)
}

anonymous_flag(c) := "--anonymous-auth=true" if {
	lib.is_true(workload.flag(c, "anonymous-auth"))
} else := "no --anonymous-auth=false, and the default is true" if {
	flag_unset(c, "anonymous-auth")
}

# METADATA
# title: Kubelet allows anonymous requests
# description: |
#   The KubeletConfiguration sets authentication.anonymous.enabled true, or a kubelet
#   container sets --anonymous-auth=true or leaves it to its default (true) without a
#   configuration file: requests to the kubelet's API (port 10250) without credentials are
#   accepted as system:anonymous, and, depending on its authorization mode, can list pods,
#   read logs or run commands in containers on the node.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# custom:
#   id: TG-K8S-056
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: 'Set authentication.anonymous.enabled: false (the default of the configuration file) and authentication.webhook.enabled: true, or --anonymous-auth=false on the kubelet command line.'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.1"]
#     nist-800-53: ["AC-14", "IA-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type in {"KubeletConfiguration", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [location, msg] in anonymous
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

allow_all contains [lib.attr_loc(authz, "mode"), sprintf("%s authorizes every request to the kubelet API (authorization.mode: AlwaysAllow)", [workload.subject])] if {
	input.type == "KubeletConfiguration"
	authz := input.resource.authorization
	authz.mode == "AlwaysAllow"
}

allow_all contains [workload.flag_loc(c, "authorization-mode"), sprintf("%s authorizes every request to the kubelet API (%s)", [container_subject(c), why])] if {
	some c in kubelets
	why := allow_all_flag(c)
}

allow_all_flag(c) := "--authorization-mode=AlwaysAllow" if {
	"AlwaysAllow" in workload.flag_list(c, "authorization-mode")
} else := "no --authorization-mode, and the default is AlwaysAllow" if {
	flag_unset(c, "authorization-mode")
}

# METADATA
# title: Kubelet authorizes every request
# description: |
#   The KubeletConfiguration sets authorization.mode AlwaysAllow, or a kubelet container sets
#   --authorization-mode=AlwaysAllow or leaves it to its default (AlwaysAllow) without a
#   configuration file: every request the kubelet authenticates, anonymous ones included when
#   anonymous access is on, may run commands in any container of the node, read its logs
#   and its pods' specs.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization
# custom:
#   id: TG-K8S-057
#   severity: critical
#   category: access
#   provider: kubernetes
#   remediation: 'Set authorization.mode: Webhook (the default of the configuration file), or --authorization-mode=Webhook on the kubelet command line, so that the API server authorizes kubelet requests with RBAC.'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.2"]
#     nist-800-53: ["AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type in {"KubeletConfiguration", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [location, msg] in allow_all
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

read_only contains [lib.attr_loc(config, "readOnlyPort"), sprintf("%s serves the unauthenticated read-only port %v (readOnlyPort)", [workload.subject, port])] if {
	input.type == "KubeletConfiguration"
	config := input.resource
	port := config.readOnlyPort
	is_number(port)
	port != 0
}

read_only contains [workload.flag_loc(c, "read-only-port"), sprintf("%s serves the unauthenticated read-only port (%s)", [container_subject(c), why])] if {
	some c in kubelets
	why := read_only_flag(c)
}

read_only_flag(c) := sprintf("--read-only-port=%s", [v]) if {
	v := workload.flag(c, "read-only-port")
	v != "0"
} else := "no --read-only-port=0, and the default is 10255" if {
	flag_unset(c, "read-only-port")
}

# METADATA
# title: Kubelet serves its read-only port
# description: |
#   The KubeletConfiguration sets readOnlyPort to a port other than 0, or a kubelet container
#   sets --read-only-port to a port other than 0 or leaves it to its default (10255) without
#   a configuration file: the kubelet serves, without authentication or authorization, the
#   specs of every pod on the node (their environment variables included) and its metrics.
# related_resources:
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# custom:
#   id: TG-K8S-058
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: 'Set readOnlyPort: 0 (the default of the configuration file), or --read-only-port=0 on the command line, and read metrics through the authenticated port.'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.4"]
#     nist-800-53: ["CM-7", "AC-14"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["2.2.4"]
deny contains finding if {
	input.type in {"KubeletConfiguration", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [location, msg] in read_only
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# METADATA
# title: Kubelet does not authenticate client certificates
# description: |
#   A kubelet container sets no --client-ca-file and reads no configuration file: the
#   kubelet cannot authenticate the API server, or anyone else, by client certificate, so
#   its API is left to token webhooks or to anonymous access.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authentication
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# custom:
#   id: TG-K8S-110
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Set --client-ca-file (authentication.x509.clientCAFile in a KubeletConfiguration) to the CA that signs the API server's kubelet client certificate.
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.3"]
#     nist-800-53: ["IA-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in kubelets
	flag_unset(c, "client-ca-file")
	msg := sprintf("%s does not authenticate client certificates (no --client-ca-file)", [container_subject(c)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "client-ca-file"), msg)
}

# zero_duration(v) holds for a Go duration that is zero: 0, 0s, 0m0s...
zero_duration(v) if v == 0

zero_duration(v) if {
	is_string(v)
	regex.match(`^(0+(\.0*)?(ns|us|µs|ms|s|m|h)?)+$`, trim_space(v))
}

idle_forever contains [lib.attr_loc(config, "streamingConnectionIdleTimeout"), sprintf("%s keeps idle streaming connections open forever (streamingConnectionIdleTimeout: %v)", [workload.subject, config.streamingConnectionIdleTimeout])] if {
	input.type == "KubeletConfiguration"
	config := input.resource
	zero_duration(config.streamingConnectionIdleTimeout)
}

idle_forever contains [workload.flag_loc(c, "streaming-connection-idle-timeout"), sprintf("%s keeps idle streaming connections open forever (--streaming-connection-idle-timeout=%s)", [container_subject(c), v])] if {
	some c in kubelets
	v := workload.flag(c, "streaming-connection-idle-timeout")
	zero_duration(v)
}

# METADATA
# title: Kubelet never closes idle streaming connections
# description: |
#   The kubelet's streaming connection idle timeout (streamingConnectionIdleTimeout, or
#   --streaming-connection-idle-timeout) is 0: exec, attach and port-forward sessions stay
#   open however long they are idle, so an abandoned session remains usable and node
#   resources are exhausted more easily.
# related_resources:
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# custom:
#   id: TG-K8S-111
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Set a timeout such as 5m (the default is 4h) instead of 0.
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.5"]
#     nist-800-53: ["AC-12", "SC-10"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"KubeletConfiguration", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [location, msg] in idle_forever
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# METADATA
# title: Kubelet does not protect kernel defaults
# description: |
#   A kubelet container does not set --protect-kernel-defaults=true (it is false by default)
#   and reads no configuration file: the kubelet silently changes kernel tunables that differ
#   from what it expects instead of refusing to start, so the node's hardening can be undone
#   without notice.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# custom:
#   id: TG-K8S-112
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Set the kernel parameters the kubelet expects on the node and add --protect-kernel-defaults=true (protectKernelDefaults in a KubeletConfiguration).
#   frameworks:
#     nist-800-53: ["CM-6"]
#     soc2: ["CC6.8"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in kubelets
	not flag_true(c, "protect-kernel-defaults")
	not workload_reads_config(c, "protect-kernel-defaults")
	msg := sprintf("%s does not protect kernel defaults (--protect-kernel-defaults is not true)", [container_subject(c)])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "protect-kernel-defaults"), msg)
}

workload_reads_config(c, name) if {
	not workload.flag(c, name)
	workload.flag(c, "config")
}

iptables_off contains [lib.attr_loc(config, "makeIPTablesUtilChains"), sprintf("%s does not manage its iptables chains (makeIPTablesUtilChains: false)", [workload.subject])] if {
	input.type == "KubeletConfiguration"
	config := input.resource
	lib.is_false(config.makeIPTablesUtilChains)
}

iptables_off contains [workload.flag_loc(c, "make-iptables-util-chains"), sprintf("%s does not manage its iptables chains (--make-iptables-util-chains=false)", [container_subject(c)])] if {
	some c in kubelets
	lib.is_false(workload.flag(c, "make-iptables-util-chains"))
}

# METADATA
# title: Kubelet does not manage its iptables chains
# description: |
#   The kubelet's makeIPTablesUtilChains (--make-iptables-util-chains) is false: the kubelet
#   no longer keeps the iptables rules pod networking relies on in line with the pods it
#   runs, and hand-made rules drift out of step with the cluster's network policy.
# related_resources:
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# custom:
#   id: TG-K8S-113
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Remove makeIPTablesUtilChains false (--make-iptables-util-chains=false); the default is true.
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.6"]
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"KubeletConfiguration", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [location, msg] in iptables_off
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# METADATA
# title: Kubelet overrides its node name
# description: |
#   A kubelet container sets --hostname-override: the node registers under a name that
#   differs from its host name, so the name in its serving certificate no longer matches
#   and TLS verification between the API server and the kubelet breaks or gets disabled.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# custom:
#   id: TG-K8S-114
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Remove --hostname-override and let the kubelet register under the host's own name.
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.7"]
#     nist-800-53: ["IA-3"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in kubelets
	v := workload.flag(c, "hostname-override")
	msg := sprintf("%s overrides its node name (--hostname-override=%s)", [container_subject(c), v])
	finding := lib.finding(rego.metadata.rule(), workload.flag_loc(c, "hostname-override"), msg)
}

# flag_true(c, name) holds when container c sets --name to true. (A helper, so that `not`
# applies to the whole test when the flag is absent.)
flag_true(c, name) if lib.is_true(workload.flag(c, name))
