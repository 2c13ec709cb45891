package tollgate.encryption.kubernetes.istio

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# plaintext_modes is the set of [location, description] of the mTLS modes of the
# PeerAuthentication that accept plain-text traffic, for the workload and per port.
plaintext_modes(spec) := {[lib.attr_loc(spec.mtls, "mode"), sprintf("mtls.mode: %s", [spec.mtls.mode])] |
	spec.mtls.mode in {"DISABLE", "PERMISSIVE"}
} | {[lib.attr_loc(m, "mode"), sprintf("portLevelMtls %s mode: %s", [port, m.mode])] |
	some port, m in spec.portLevelMtls
	port != "__loc"
	m.mode in {"DISABLE", "PERMISSIVE"}
}

# METADATA
# title: Istio PeerAuthentication accepts plain-text traffic
# description: |
#   The PeerAuthentication sets mutual TLS mode PERMISSIVE or DISABLE (for the workloads or
#   one of their ports): the sidecars accept plain-text connections, so traffic between
#   services can be read and forged on the network, and callers are not authenticated by
#   their certificates.
# related_resources:
# - https://istio.io/latest/docs/reference/config/security/peer_authentication/
# - https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/
# custom:
#   id: TG-K8S-069
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Set mtls.mode STRICT once every client has a sidecar (PERMISSIVE is a migration step), mesh-wide in the root namespace.
#   frameworks:
#     nist-800-53: ["SC-8", "IA-3"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "PeerAuthentication"
	startswith(input.resource.apiVersion, "security.istio.io/")
	spec := input.resource.spec
	is_object(spec)
	some [location, setting] in plaintext_modes(spec)
	msg := sprintf("PeerAuthentication %q accepts plain-text traffic (%s)", [input.name, setting])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# METADATA
# title: Istio Gateway serves plain HTTP without redirect
# description: |
#   A server of the Istio Gateway listens with protocol HTTP and does not set
#   tls.httpsRedirect true: requests and cookies to its hosts are served in clear text
#   instead of being redirected to HTTPS.
# related_resources:
# - https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
# - https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/
# custom:
#   id: TG-K8S-070
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: 'Set tls: {httpsRedirect: true} on the HTTP server and serve the hosts from an HTTPS server, or remove the HTTP server.'
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "Gateway"
	startswith(input.resource.apiVersion, "networking.istio.io/")
	some server in workload.list(input.resource.spec.servers)
	is_string(server.port.protocol)
	upper(server.port.protocol) == "HTTP"
	not redirects(server)
	msg := sprintf("Gateway %q serves plain HTTP without redirecting to HTTPS (server %q, port %v)", [input.name, object.get(server.port, "name", ""), object.get(server.port, "number", "")])
	finding := lib.finding(rego.metadata.rule(), lib.loc(server), msg)
}

redirects(server) if lib.is_true(server.tls.httpsRedirect)
