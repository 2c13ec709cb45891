package tollgate.encryption.kubernetes.apiservice

import data.tollgate.lib
import rego.v1

# METADATA
# title: APIService skips TLS verification
# description: |
#   The APIService sets insecureSkipTLSVerify true: the API server proxies requests for this
#   API group to the extension server without checking its certificate, so anyone who can
#   impersonate the backing Service's address receives those requests, with the callers'
#   identities, and answers them.
# related_resources:
# - https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/api-service-v1/
# - https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/
# custom:
#   id: TG-K8S-061
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Remove insecureSkipTLSVerify and set caBundle to the CA that signed the extension server's certificate (cert-manager's CA injector can fill it in).
#   frameworks:
#     nist-800-53: ["SC-8", "SC-23"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "APIService"
	spec := input.resource.spec
	lib.is_true(spec.insecureSkipTLSVerify)
	msg := sprintf("APIService %q is called without verifying its TLS certificate (insecureSkipTLSVerify: true)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "insecureSkipTLSVerify"), msg)
}
