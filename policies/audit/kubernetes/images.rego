package tollgate.audit.kubernetes.images

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: Container image uses the latest tag or no tag
# description: |
#   The container's image has no tag or the tag latest, and no digest: which code runs
#   depends on when each node pulled the image, a rollback redeploys whatever latest is now,
#   and the deployed version cannot be traced back to a build.
# related_resources:
# - https://kubernetes.io/docs/concepts/containers/images/#image-names
# - https://kubernetes.io/docs/concepts/configuration/overview/#container-images
# custom:
#   id: TG-K8S-078
#   severity: medium
#   category: audit
#   provider: kubernetes
#   remediation: Reference an immutable version (a release tag, better its digest image@sha256:...) set by your release pipeline.
#   frameworks:
#     nist-800-53: ["CM-2", "CM-8"]
#     soc2: ["CC8.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	image := c.image
	is_string(image)
	not workload.digest_pinned(image)
	workload.image_tag(image) in {"", "latest"}
	msg := sprintf("%s %q: %s uses image %q without a fixed version (latest or no tag)", [input.type, input.name, workload.describe(label, c), image])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(c, "image"), msg)
}

# METADATA
# title: Container image is not pinned by digest
# description: |
#   The container's image is referenced by a tag, not by digest: tags can be moved, so the
#   image that runs may differ from the one that was scanned, signed and approved, and
#   nothing records which one it was. Images with the latest tag or no tag are reported by
#   TG-K8S-078 instead.
# related_resources:
# - https://kubernetes.io/docs/concepts/containers/images/#image-names
# - https://slsa.dev/spec/v1.0/requirements
# custom:
#   id: TG-K8S-079
#   severity: low
#   category: audit
#   provider: kubernetes
#   remediation: Reference the image by digest (image:tag@sha256:...), resolved by your release pipeline, so that what runs is what was verified.
#   frameworks:
#     nist-800-53: ["CM-8", "SI-7"]
#     soc2: ["CC8.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	image := c.image
	is_string(image)
	not workload.digest_pinned(image)
	tag := workload.image_tag(image)
	not tag in {"", "latest"}
	msg := sprintf("%s %q: %s uses image %q by tag, not by digest", [input.type, input.name, workload.describe(label, c), image])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(c, "image"), msg)
}
