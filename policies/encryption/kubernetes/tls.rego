package tollgate.encryption.kubernetes.tls

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# TLS versions as numbers comparable to min_rank: 1.2 is 12. SSL versions rank below.
go_versions := {"VersionTLS10": 10, "VersionTLS11": 11, "VersionTLS12": 12, "VersionTLS13": 13}

nginx_versions := {"SSLv2": 2, "SSLv3": 3, "TLSv1": 10, "TLSv1.1": 11, "TLSv1.2": 12, "TLSv1.3": 13}

istio_versions := {"TLSV1_0": 10, "TLSV1_1": 11, "TLSV1_2": 12, "TLSV1_3": 13}

# min_rank is the organisation's minimum TLS version (parameter min_tls_version, "1.2")
# as a rank; undefined, and nothing fires, when the parameter is not of the form 1.N.
min_rank := 10 + to_number(m[0][1]) if {
	v := sprintf("%v", [lib.param("min_tls_version")])
	m := regex.find_all_string_submatch_n(`^(?:TLSv?)?1\.([0-3])$`, v, 1)
	count(m) == 1
}

# control_plane_weak is the set of [location, component, setting] of control-plane TLS
# minimums below min_rank in the input.
control_plane_weak contains [workload.flag_loc(c, "tls-min-version"), "kube-apiserver", sprintf("--tls-min-version=%s", [v])] if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
	v := workload.flag(c, "tls-min-version")
	go_versions[v] < min_rank
}

control_plane_weak contains [lib.attr_loc(config, "tlsMinVersion"), "the kubelet", sprintf("tlsMinVersion: %s", [v])] if {
	input.type == "KubeletConfiguration"
	config := input.resource
	v := config.tlsMinVersion
	go_versions[v] < min_rank
}

# METADATA
# title: Control plane accepts outdated TLS versions
# description: |
#   kube-apiserver (--tls-min-version in its static pod manifest) or the kubelet
#   (tlsMinVersion in a KubeletConfiguration) accepts TLS versions older than the
#   organisation's minimum (parameter min_tls_version, 1.2 by default). TLS 1.0 and 1.1 have
#   known weaknesses and are deprecated by RFC 8996.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - https://www.rfc-editor.org/rfc/rfc8996
# custom:
#   id: TG-K8S-064
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Set --tls-min-version=VersionTLS12 (or VersionTLS13) on kube-apiserver and tlsMinVersion VersionTLS12 in the KubeletConfiguration, or remove them to use the default (TLS 1.2).
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["2.2.7", "4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate", "KubeletConfiguration"}
	some [location, component, setting] in control_plane_weak
	msg := sprintf("%s: %s accepts TLS versions older than %v (%s)", [workload.subject, component, lib.param("min_tls_version"), setting])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# proxy_weak is the set of [location, description] of TLS-terminating proxy settings that
# accept versions below min_rank: ingress-nginx's ssl-protocols, Traefik's TLSOption
# minVersion, Istio Gateway servers' minProtocolVersion.
proxy_weak contains [lib.attr_loc(cm_data, "ssl-protocols"), sprintf("ssl-protocols: %s", [protocols])] if {
	input.type == "ConfigMap"
	cm_data := input.resource.data
	protocols := cm_data["ssl-protocols"]
	is_string(protocols)
	some p in split(protocols, " ")
	nginx_versions[p] < min_rank
}

proxy_weak contains [lib.attr_loc(spec, "minVersion"), sprintf("minVersion: %s", [v])] if {
	input.type == "TLSOption"
	startswith(input.resource.apiVersion, "traefik.")
	spec := input.resource.spec
	v := spec.minVersion
	go_versions[v] < min_rank
}

proxy_weak contains [lib.attr_loc(server.tls, "minProtocolVersion"), sprintf("server %q minProtocolVersion: %s", [object.get(server.port, "name", ""), v])] if {
	input.type == "Gateway"
	startswith(input.resource.apiVersion, "networking.istio.io/")
	some server in workload.list(input.resource.spec.servers)
	v := server.tls.minProtocolVersion
	istio_versions[v] < min_rank
}

# METADATA
# title: Ingress proxy accepts outdated TLS versions
# description: |
#   A TLS-terminating proxy accepts TLS versions older than the organisation's minimum
#   (parameter min_tls_version, 1.2 by default): the ingress-nginx controller ConfigMap's
#   ssl-protocols, a Traefik TLSOption's minVersion, or an Istio Gateway server's
#   tls.minProtocolVersion. TLS 1.0 and 1.1 (and SSL) have known weaknesses and are
#   deprecated by RFC 8996.
# related_resources:
# - https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#ssl-protocols
# - https://doc.traefik.io/traefik/https/tls/#minimum-tls-version
# - https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
# - https://www.rfc-editor.org/rfc/rfc8996
# custom:
#   id: TG-K8S-068
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: 'Allow TLS 1.2 and 1.3 only: ssl-protocols "TLSv1.2 TLSv1.3", minVersion VersionTLS12, minProtocolVersion TLSV1_2.'
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"ConfigMap", "TLSOption", "Gateway"}
	some [location, setting] in proxy_weak
	msg := sprintf("%s accepts TLS versions older than %v (%s)", [workload.subject, lib.param("min_tls_version"), setting])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# strong_ciphers are the cipher suites the control plane may offer: AEAD suites (AES-GCM,
# ChaCha20-Poly1305), and the TLS 1.3 suites, which Go does not let anyone configure.
strong_ciphers := {
	"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
	"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
	"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
	"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
	"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
	"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
	"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
	"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	"TLS_RSA_WITH_AES_128_GCM_SHA256",
	"TLS_RSA_WITH_AES_256_GCM_SHA384",
	"TLS_AES_128_GCM_SHA256",
	"TLS_AES_256_GCM_SHA384",
	"TLS_CHACHA20_POLY1305_SHA256",
}

# weak_ciphers(suites) is the sorted list of the suites (strings) outside strong_ciphers.
weak_ciphers(suites) := sort({s | some x in suites; is_string(x); s := trim_space(x); s != ""; not s in strong_ciphers})

weak_cipher_settings contains [workload.flag_loc(c, "tls-cipher-suites"), component, weak] if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [component, c] in cipher_containers
	weak := weak_ciphers(split(workload.flag(c, "tls-cipher-suites"), ","))
	count(weak) > 0
}

weak_cipher_settings contains [lib.attr_loc(config, "tlsCipherSuites"), "the kubelet", weak] if {
	input.type == "KubeletConfiguration"
	config := input.resource
	weak := weak_ciphers(workload.list(config.tlsCipherSuites))
	count(weak) > 0
}

cipher_containers contains ["kube-apiserver", c] if {
	some c in workload.containers_running(input.type, input.resource, "kube-apiserver")
}

cipher_containers contains ["the kubelet", c] if {
	some c in workload.containers_started(input.type, input.resource, "kubelet")
}

# METADATA
# title: Control plane offers weak TLS cipher suites
# description: |
#   kube-apiserver (--tls-cipher-suites) or the kubelet (--tls-cipher-suites, or
#   tlsCipherSuites in a KubeletConfiguration) lists cipher suites outside the AEAD ones
#   (AES-GCM, ChaCha20-Poly1305): CBC-mode, 3DES or RC4 suites, which have practical
#   attacks, become negotiable for TLS 1.2 clients.
# related_resources:
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - https://pkg.go.dev/crypto/tls#pkg-constants
# custom:
#   id: TG-K8S-109
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: List only ECDHE suites with AES-GCM or ChaCha20-Poly1305 (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384...), or remove the setting to use Go's defaults.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.30", "4.2.12"]
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate", "KubeletConfiguration"}
	some [location, component, weak] in weak_cipher_settings
	msg := sprintf("%s: %s offers weak TLS cipher suites (%s)", [workload.subject, component, concat(", ", weak)])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}
