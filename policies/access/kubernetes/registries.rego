package tollgate.access.kubernetes.registries

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# repository(image) is the image's repository with its registry host, as the container
# runtime resolves it: "nginx:1.27" is docker.io/library/nginx, "acme/app" is
# docker.io/acme/app, "registry.example:5000/team/app@sha256:..." is
# registry.example:5000/team/app. The host is lower-cased.
repository(image) := concat("/", [lower(parts[0]), concat("/", array.slice(parts, 1, count(parts)))]) if {
	parts := split(name_part(image), "/")
	count(parts) > 1
	registry_host(parts[0])
} else := concat("/", ["docker.io", path]) if {
	n := name_part(image)
	path := docker_hub_path(n)
}

# The first component of a name is a registry host when it has a dot or a port, or is
# localhost (the rule of the Docker reference grammar).
registry_host(first) if contains(first, ".")

registry_host(first) if contains(first, ":")

registry_host("localhost")

docker_hub_path(n) := concat("/", ["library", n]) if not contains(n, "/")

else := n

# name_part(image) is the reference without its digest and tag.
name_part(image) := without_tag(split(image, "@")[0])

without_tag(ref) := substring(ref, 0, (count(ref) - count(tag)) - 1) if {
	parts := split(ref, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	tag := split(last, ":")[1]
} else := ref

host(repo) := split(repo, "/")[0]

# trusted(repo, entry) holds when a trusted_registries entry admits the repository.
trusted(repo, entry) if {
	not contains(entry, "/")
	not startswith(entry, "*.")
	host(repo) == lower(entry)
}

trusted(repo, entry) if {
	startswith(entry, "*.")
	endswith(host(repo), lower(substring(entry, 1, -1)))
}

trusted(repo, entry) if {
	contains(entry, "/")
	prefix := trim_right(entry, "/")
	startswith(repo, concat("", [prefix, "/"]))
}

trusted(repo, entry) if {
	contains(entry, "/")
	repo == trim_right(entry, "/")
}

untrusted(image) if {
	repo := repository(image)
	not admitted(repo)
}

admitted(repo) if {
	some entry in lib.param("trusted_registries")
	is_string(entry)
	trusted(repo, entry)
}

# METADATA
# title: Container image comes from a registry outside the trusted list
# description: |
#   The container's image is pulled from a registry, or a repository, that the
#   trusted_registries parameter does not list: whoever can push to it decides what runs in
#   the cluster, and images there escape the organisation's scanning, signing and
#   retention. An image without a registry host is Docker Hub's (docker.io). By default
#   the cloud providers' private registries (*.azurecr.io, gcr.io and *.gcr.io, *.pkg.dev,
#   *.amazonaws.com for ECR) and Docker Hub's official images (docker.io/library: nginx,
#   postgres...) are trusted, and every other Docker Hub organisation is not; set
#   trusted_registries to your own.
# related_resources:
# - https://kubernetes.io/docs/concepts/containers/images/#image-names
# - https://kubernetes.io/docs/concepts/security/supply-chain-security/
# custom:
#   id: TG-K8S-143
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Mirror the image into a registry your organisation controls and reference it there, or add the registry to params.trusted_registries in .tollgate.yaml if it is trusted; enforce the list at admission (Kyverno, Gatekeeper K8sAllowedRepos).
#   frameworks:
#     nist-800-53: ["CM-7", "SR-3"]
#     soc2: ["CC8.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	image := c.image
	is_string(image)
	image != ""
	untrusted(image)
	msg := sprintf("%s %q: %s uses image %q from %s, not a trusted registry", [input.type, input.name, workload.describe(label, c), image, host(repository(image))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(c, "image"), msg)
}
