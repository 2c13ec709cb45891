package tollgate.access.kubernetes.pull_policy

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# effective(c) is the container's pull policy: its imagePullPolicy, else the default the
# API server sets (Always for the latest tag or no tag, IfNotPresent otherwise).
effective(c) := c.imagePullPolicy if {
	is_string(c.imagePullPolicy)
} else := "Always" if {
	workload.image_tag(c.image) in {"", "latest"}
} else := "IfNotPresent"

# METADATA
# title: Container image is not pulled on every start
# description: |
#   The container's imagePullPolicy is IfNotPresent or Never, or is left unset for an image
#   with a version tag (the default is then IfNotPresent): a node that already holds the
#   image starts it without asking the registry, so another pod on the node runs a private
#   image without the pull credentials, and a tag moved in the registry goes unnoticed.
#   Images pinned by digest are not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
# - https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages
# custom:
#   id: TG-K8S-145
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: 'Set imagePullPolicy: Always (the registry is asked for the digest only, layers already on the node are reused), reference the image by digest, or enable the AlwaysPullImages admission plugin.'
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.11"]
#     nist-800-53: ["AC-3", "CM-7"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	is_string(c.image)
	c.image != ""
	not workload.digest_pinned(c.image)
	not lib.unknown(c, "imagePullPolicy")
	policy := effective(c)
	policy != "Always"
	msg := sprintf("%s %q: %s pulls image %q only when the node lacks it (imagePullPolicy %s)", [input.type, input.name, workload.describe(label, c), c.image, describe(c, policy)])
	finding := lib.finding(rego.metadata.rule(), location(c), msg)
}

describe(c, policy) := policy if is_string(c.imagePullPolicy)

else := sprintf("unset, %s", [policy])

location(c) := lib.attr_loc(c, "imagePullPolicy") if is_string(c.imagePullPolicy)

else := lib.attr_loc(c, "image")
