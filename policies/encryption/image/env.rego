package tollgate.encryption.image.env

import data.tollgate.lib
import rego.v1

# insecure_tls(name, value) holds for an environment variable that turns off TLS
# certificate verification in a common runtime or tool. Names are upper-cased.
insecure_tls("NODE_TLS_REJECT_UNAUTHORIZED", value) if trim_space(value) == "0"

insecure_tls("PYTHONHTTPSVERIFY", value) if trim_space(value) == "0"

insecure_tls("NPM_CONFIG_STRICT_SSL", value) if lower(trim_space(value)) == "false"

# Git disables verification whenever the variable is set, whatever its value.
insecure_tls("GIT_SSL_NO_VERIFY", _)

insecure_tls("PIP_TRUSTED_HOST", value) if trim_space(value) != ""

# METADATA
# title: Image disables TLS certificate verification
# description: |
#   An environment variable of the image config turns off TLS certificate verification
#   for a runtime or tool: NODE_TLS_REJECT_UNAUTHORIZED=0 (Node.js), PYTHONHTTPSVERIFY=0
#   (Python's urllib), NPM_CONFIG_STRICT_SSL=false (npm), GIT_SSL_NO_VERIFY (git) or
#   PIP_TRUSTED_HOST (pip). Every HTTPS connection made that way can be intercepted and
#   altered by anyone on the network path, so it is only as safe as plain HTTP.
# related_resources:
# - https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue
# - https://git-scm.com/docs/git#Documentation/git.txt-codeGITSSLNOVERIFYcode
# - https://peps.python.org/pep-0476/
# custom:
#   id: TG-IMG-008
#   severity: medium
#   category: encryption
#   provider: image
#   remediation: Remove the variable; to trust an internal CA add it to the image's trust store (or NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, pip's cert setting).
#   frameworks:
#     nist-800-53: ["SC-8", "SC-23"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "container_image"
	config := input.resource.config
	some e in config.env
	is_string(e.name)
	is_string(e.value)
	insecure_tls(upper(e.name), e.value)
	msg := sprintf("image %q disables TLS certificate verification (%s=%s)", [input.name, e.name, e.value])
	finding := lib.finding(rego.metadata.rule(), lib.loc(config), msg)
}
