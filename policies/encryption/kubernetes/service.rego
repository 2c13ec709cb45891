package tollgate.encryption.kubernetes.service

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# Annotations that give a cloud load balancer a TLS certificate to terminate with.
tls_annotations := {
	"service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
	"service.beta.kubernetes.io/do-loadbalancer-certificate-id",
	"service.beta.kubernetes.io/oci-load-balancer-ssl-ports",
	"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-cert-id",
}

terminates_tls(svc) if {
	some key in tls_annotations
	is_string(workload.annotations(svc)[key])
}

# plain_http(port) holds for a Service port that carries HTTP in clear text: named http
# (or http-*), with appProtocol http or h2c, or port 80 not named for TLS.
plain_http(port) if {
	is_string(port.appProtocol)
	lower(port.appProtocol) in {"http", "h2c", "kubernetes.io/h2c"}
}

plain_http(port) if {
	is_string(port.name)
	regex.match(`^http(-.*)?$`, lower(port.name))
}

plain_http(port) if {
	port.port == 80
	not tls_named(port)
}

tls_named(port) if {
	is_string(port.name)
	regex.match(`^(https|tls)(-.*)?$`, lower(port.name))
}

# METADATA
# title: Public load balancer serves plain HTTP
# description: |
#   A Service of type LoadBalancer, open to the internet, exposes an HTTP port (named http,
#   with appProtocol http, or port 80) and carries no TLS certificate annotation of its
#   cloud's load balancer (aws-load-balancer-ssl-cert, do-loadbalancer-certificate-id,
#   oci-load-balancer-ssl-ports, alibaba-cloud-loadbalancer-cert-id): requests, credentials
#   and cookies cross the internet in clear text.
# related_resources:
# - https://kubernetes.io/docs/concepts/services-networking/service/#ssl-support-on-aws
# - https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
# custom:
#   id: TG-K8S-060
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Put the service behind an Ingress or Gateway that terminates TLS, or give the load balancer a certificate (e.g. service.beta.kubernetes.io/aws-load-balancer-ssl-cert) and serve HTTPS only.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "Service"
	svc := input.resource
	workload.external_load_balancer(svc)
	not terminates_tls(svc)
	some port in workload.list(svc.spec.ports)
	is_object(port)
	plain_http(port)
	msg := sprintf("Service %q serves plain HTTP on port %v from a public load balancer, without TLS", [input.name, object.get(port, "port", "")])
	finding := lib.finding(rego.metadata.rule(), lib.loc(port), msg)
}
