package tollgate.access.image.config

import data.tollgate.lib
import rego.v1

# METADATA
# title: Image runs as root
# description: |
#   The image config sets no USER, or a root user (root, 0, root:GROUP, 0:GROUP), so its
#   processes run as UID 0 unless the runtime overrides it: a compromise of the application
#   is a compromise of root in the container, one step from the host.
# related_resources:
# - https://docs.docker.com/build/building/best-practices/#user
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: TG-IMG-001
#   severity: high
#   category: access
#   provider: image
#   frameworks:
#     cis-docker-1.6: ["4.1"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
#   remediation: Create an unprivileged user in the Dockerfile and switch to it with USER (e.g. USER 10001:10001).
deny contains finding if {
	input.type == "container_image"
	config := input.resource.config
	is_object(config)
	user := object.get(config, "user", "")
	is_string(user)
	root_user(user)
	msg := sprintf("image %q runs as root (%s)", [input.name, user_description(user)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}

root_user(user) if user in {"", "root", "0", "0:0"}

root_user(user) if startswith(user, "root:")

root_user(user) if startswith(user, "0:")

user_description(user) := "no USER set" if user == ""

else := sprintf("USER %s", [user])

# Environment variable names that suggest a credential.
secret_name := `(?i)(secret|password|passwd|token|api_?key|private_?key|access_?key|credential)`

# METADATA
# title: Image config embeds a credential in an environment variable
# description: |
#   An environment variable named like a credential (secret, password, token, API key,
#   private or access key) has a value baked into the image config. Anyone who can pull the
#   image can read it with docker inspect, and it cannot be rotated without a rebuild.
#   Only the variable's name is reported, never its value.
# related_resources:
# - https://docs.docker.com/build/building/secrets/
# - https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-IMG-002
#   severity: high
#   category: access
#   provider: image
#   frameworks:
#     cis-docker-1.6: ["4.10"]
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.6.2"]
#   remediation: Remove the ENV instruction; pass the secret at run time (orchestrator secrets, a secrets manager) or, for build steps, with RUN --mount=type=secret. Rotate the exposed credential.
deny contains finding if {
	input.type == "container_image"
	some e in input.resource.config.env
	is_string(e.name)
	regex.match(secret_name, e.name)
	is_string(e.value)
	e.value != ""
	msg := sprintf("image %q sets credential-like environment variable %q in its config", [input.name, e.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
