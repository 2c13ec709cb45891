package tollgate.encryption.kubernetes.ingress

import data.tollgate.lib
import rego.v1

# METADATA
# title: Ingress does not terminate TLS
# description: |
#   The Ingress has no spec.tls entry, so the controller serves its hosts over plain HTTP:
#   credentials, session cookies and data cross the network in clear text.
# related_resources:
# - https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
# custom:
#   id: TG-K8S-010
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: Add spec.tls with the hosts and the Secret holding their certificate (cert-manager can issue and renew it), and redirect HTTP to HTTPS.
deny contains finding if {
	input.type == "Ingress"
	not has_tls(input.resource)
	msg := sprintf("Ingress %q has no TLS configuration (spec.tls)", [input.name])
	finding := lib.finding(rego.metadata.rule(), location(input.resource), msg)
}

has_tls(manifest) if {
	some _ in manifest.spec.tls
}

# The lines of spec.tls when it is an empty list, else those of spec, else the manifest's.
location(manifest) := lib.attr_loc(manifest.spec, "tls") if manifest.spec.__loc

else := lib.loc(manifest)
