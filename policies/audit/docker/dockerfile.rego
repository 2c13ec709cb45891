package tollgate.audit.docker.dockerfile

import data.tollgate.lib
import rego.v1

# METADATA
# title: Dockerfile base image is not pinned by digest
# description: |
#   A FROM image referenced by tag (or by nothing, meaning latest) resolves to whatever the
#   registry serves at build time, so two builds of the same commit can ship different bases
#   and the build cannot be audited or reproduced. `scratch` and references to earlier stages
#   are not reported; an image given through an ARG with no default is unknown and not reported.
# related_resources:
# - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
# - https://slsa.dev/spec/v1.0/requirements
# custom:
#   id: TG-DOCKER-004
#   severity: low
#   category: audit
#   remediation: Pin the base image by digest, keeping the tag for readers, e.g. `FROM alpine:3.20@sha256:...`, and let a bot (Renovate, Dependabot) update it.
deny contains finding if {
	input.type == "dockerfile_stage"
	stage := input.resource
	image := stage.base_image
	is_string(image)
	not stage.base_stage
	image != "scratch"
	not regex.match(`@[a-z0-9]+:[a-fA-F0-9]{32,}$`, image)
	msg := sprintf("stage %q is built FROM %q, which is not pinned by digest", [input.name, image])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(stage, "base_image"), msg)
}
