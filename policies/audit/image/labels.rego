package tollgate.audit.image.labels

import data.tollgate.lib
import rego.v1

# has_label(config, names) holds when the image config sets one of the labels, non-empty.
has_label(config, names) if {
	some name in names
	v := config.labels[name]
	is_string(v)
	trim_space(v) != ""
}

# METADATA
# title: Image does not name its source repository
# description: |
#   The image config has no org.opencontainers.image.source label (nor the legacy
#   org.label-schema.vcs-url): nothing ties the image to the repository it was built from,
#   so a finding or an incident cannot be traced back to the code and its owners.
# related_resources:
# - https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys
# custom:
#   id: TG-IMG-006
#   severity: low
#   category: audit
#   provider: image
#   remediation: Add LABEL org.opencontainers.image.source=<repository URL> in the Dockerfile, or let the build tool set it (docker/metadata-action, ko, Jib do).
#   frameworks:
#     nist-800-53: ["CM-8", "SR-4"]
#     pci-dss-4.0: ["6.3.2"]
deny contains finding if {
	input.type == "container_image"
	config := input.resource.config
	is_object(config)
	not has_label(config, ["org.opencontainers.image.source", "org.label-schema.vcs-url"])
	msg := sprintf("image %q has no org.opencontainers.image.source label", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(config), msg)
}

# METADATA
# title: Image does not name its source revision
# description: |
#   The image config has no org.opencontainers.image.revision label (nor the legacy
#   org.label-schema.vcs-ref): the commit the image was built from is not recorded, so the
#   code that runs cannot be identified, reviewed or rebuilt.
# related_resources:
# - https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys
# custom:
#   id: TG-IMG-007
#   severity: low
#   category: audit
#   provider: image
#   remediation: Add LABEL org.opencontainers.image.revision=<commit SHA> at build time (e.g. --label org.opencontainers.image.revision=$GIT_SHA, or docker/metadata-action).
#   frameworks:
#     nist-800-53: ["CM-8", "SR-4"]
#     pci-dss-4.0: ["6.3.2"]
deny contains finding if {
	input.type == "container_image"
	config := input.resource.config
	is_object(config)
	not has_label(config, ["org.opencontainers.image.revision", "org.label-schema.vcs-ref"])
	msg := sprintf("image %q has no org.opencontainers.image.revision label", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(config), msg)
}
