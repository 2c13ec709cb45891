package tollgate.access.kubernetes.ingress

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# ingress-nginx annotations whose value is written into the proxy configuration, and the
# characters that break out of it (new lines, quotes, braces, semicolons...).
injectable := {
	"nginx.ingress.kubernetes.io/auth-url",
	"nginx.ingress.kubernetes.io/auth-tls-match-cn",
	"nginx.ingress.kubernetes.io/mirror-target",
	"nginx.ingress.kubernetes.io/mirror-host",
}

# injected contains [key, why] for each annotation of the Ingress that injects proxy
# configuration.
injected contains [key, "a configuration snippet"] if {
	some key, _ in workload.annotations(input.resource)
	contains(lower(key), "snippet")
}

injected contains [key, "characters that escape its value"] if {
	some key in injectable
	v := workload.annotations(input.resource)[key]
	is_string(v)
	regex.match(escape_pattern(key), v)
}

escape_pattern(key) := `[\r\n{};#|"']` if key == "nginx.ingress.kubernetes.io/auth-tls-match-cn"

else := `[\r\n{};"'\x60\\<>|^]`

# METADATA
# title: Ingress injects proxy configuration through annotations
# description: |
#   An Ingress carries a configuration snippet annotation (configuration-snippet,
#   server-snippet, auth-snippet...), or an ingress-nginx annotation such as auth-url or
#   mirror-target whose value contains characters that end the directive it is written
#   into. The text becomes part of the controller's proxy configuration: whoever can edit
#   the Ingress can run Lua or read files as the controller, whose service account reads
#   every Secret of the cluster (CVE-2021-25742, CVE-2023-5044, CVE-2025-1974).
# related_resources:
# - https://github.com/kubernetes/ingress-nginx/issues/7837
# - https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
# custom:
#   id: TG-K8S-129
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove the annotation and express the need with the controller's supported annotations or its ConfigMap; keep allow-snippet-annotations false on the controller.
#   frameworks:
#     nist-800-53: ["CM-7", "SI-10"]
#     soc2: ["CC6.1", "CC6.8"]
#     pci-dss-4.0: ["6.2.4"]
deny contains finding if {
	input.type == "Ingress"
	some [key, why] in injected
	msg := sprintf("%s %q injects proxy configuration through annotation %s (%s)", [input.type, input.name, key, why])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource.metadata.annotations, key), msg)
}
