package tollgate.encryption.kubernetes.ingress_http

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

has_tls(ingress) if {
	some _ in workload.list(ingress.spec.tls)
}

# plain_http(ingress) is the set of [annotation, description] of the controller
# annotations that keep plain HTTP open next to HTTPS.
plain_http(ingress) := {[key, sprintf("%s: %q", [key, v])] |
	has_tls(ingress)
	some key, value in {
		"nginx.ingress.kubernetes.io/ssl-redirect": "false",
		"kubernetes.io/ingress.allow-http": "true",
	}
	v := workload.annotations(ingress)[key]
	is_string(v)
	lower(v) == value
} | {[key, sprintf("%s opens an HTTP listener and alb.ingress.kubernetes.io/ssl-redirect is not set", [key])] |
	key := "alb.ingress.kubernetes.io/listen-ports"
	annotations := workload.annotations(ingress)
	alb_http_listener(annotations[key])
	not annotations["alb.ingress.kubernetes.io/ssl-redirect"]
}

# alb_http_listener(ports) holds when the AWS Load Balancer Controller's listen-ports
# annotation ('[{"HTTP": 80}, {"HTTPS": 443}]') opens an HTTP listener.
alb_http_listener(ports) if {
	is_string(ports)
	json.is_valid(ports)
	some listener in workload.list(json.unmarshal(ports))
	is_object(listener)
	listener.HTTP
}

# METADATA
# title: Ingress serves plain HTTP next to HTTPS
# description: |
#   The Ingress terminates TLS but its controller is told to keep serving plain HTTP
#   instead of redirecting to HTTPS: ingress-nginx with nginx.ingress.kubernetes.io/ssl-redirect
#   "false", GKE with kubernetes.io/ingress.allow-http "true", or the AWS Load Balancer
#   Controller with an HTTP listener in alb.ingress.kubernetes.io/listen-ports and no
#   alb.ingress.kubernetes.io/ssl-redirect. Clients that start on http:// (links, typed
#   addresses) send their requests and cookies in clear text. Ingresses without TLS at all
#   are reported by TG-K8S-010.
# related_resources:
# - https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#server-side-https-enforcement-through-redirect
# - https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ssl-redirect
# - https://cloud.google.com/kubernetes-engine/docs/concepts/ingress#disabling_http
# custom:
#   id: TG-K8S-059
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Remove the ssl-redirect "false" or allow-http "true" annotation, or, for the AWS Load Balancer Controller, set alb.ingress.kubernetes.io/ssl-redirect to the HTTPS port; add HSTS.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "Ingress"
	ingress := input.resource
	some [key, problem] in plain_http(ingress)
	msg := sprintf("Ingress %q serves plain HTTP without redirecting to HTTPS (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(ingress.metadata.annotations, key), msg)
}
