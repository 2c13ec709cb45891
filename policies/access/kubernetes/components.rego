package tollgate.access.kubernetes.components

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# image_named(image, name) holds when the image's repository (its last path segment,
# without tag or digest) is name: ghcr.io/helm/tiller:v2.17.0 is named tiller.
image_named(image, name) if {
	is_string(image)
	regex.match(sprintf(`(^|/)%s([:@]|$)`, [name]), image)
}

# word(s, w) holds when w appears in s as a word of its own: tiller-deploy, not distiller.
word(s, w) if {
	is_string(s)
	regex.match(sprintf(`(^|[^a-z0-9])%s([^a-z0-9]|$)`, [w]), lower(s))
}

labels(metadata) := l if {
	l := metadata.labels
	is_object(l)
} else := {}

# tiller_labels(metadata) holds for the labels Helm v2 puts on Tiller (app: helm,
# name: tiller).
tiller_labels(metadata) if labels(metadata).name == "tiller"

tiller_labels(metadata) if {
	labels(metadata).app == "helm"
	not labels(metadata).name
}

tiller contains [lib.attr_loc(c, "image"), sprintf("%s runs image %s", [workload.describe(label, c), c.image])] if {
	input.type in workload.kinds
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	image_named(c.image, "tiller")
}

tiller contains [lib.attr_loc(metadata, "labels"), "its pods carry Tiller's labels"] if {
	input.type in workload.kinds
	not tiller_image
	metadata := workload.pod_metadata(input.type, input.resource)
	tiller_labels(metadata)
}

tiller contains [lib.attr_loc(input.resource.metadata, "name"), "it serves Tiller"] if {
	input.type == "Service"
	service_for_tiller(input.resource)
}

tiller_image if {
	spec := workload.pod_spec(input.type, input.resource)
	some [_, c] in workload.containers(spec)
	image_named(c.image, "tiller")
}

service_for_tiller(svc) if word(svc.metadata.name, "tiller")

service_for_tiller(svc) if {
	some v in svc.spec.selector
	word(v, "tiller")
}

service_for_tiller(svc) if tiller_labels(svc.spec.selector)

# METADATA
# title: Tiller (Helm v2) is deployed
# description: |
#   A workload runs Tiller, the server side of Helm v2, or a Service exposes it. Tiller
#   usually holds cluster-admin and serves an unauthenticated gRPC port to every pod of the
#   cluster, so any pod can install anything; Helm v2 has not been maintained since 2020.
# related_resources:
# - https://helm.sh/docs/topics/v2_v3_migration/
# - https://helm.sh/blog/helm-v2-deprecation-timeline/
# custom:
#   id: TG-K8S-126
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Migrate the releases to Helm 3 (helm-2to3), which has no in-cluster server, and delete the Tiller Deployment, Service and service account.
#   frameworks:
#     nist-800-53: ["AC-3", "CM-7"]
#     soc2: ["CC6.1", "CC6.6"]
#     pci-dss-4.0: ["2.2.4"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate", "Service"}
	some [location, why] in tiller
	msg := sprintf("%s %q deploys Tiller, Helm v2's server (%s)", [input.type, input.name, why])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

dashboard contains [lib.attr_loc(c, "image"), sprintf("%s runs image %s", [workload.describe(label, c), c.image])] if {
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	dashboard_image(c.image)
}

dashboard contains [lib.attr_loc(metadata, "labels"), "its pods carry the dashboard's labels"] if {
	not some_dashboard_image
	metadata := workload.pod_metadata(input.type, input.resource)
	l := labels(metadata)
	some key in ["app", "k8s-app", "app.kubernetes.io/name"]
	l[key] == "kubernetes-dashboard"
}

dashboard_image(image) if image_named(image, "kubernetes-dashboard(-amd64|-arm64|-api|-web|-auth)?")

dashboard_image(image) if {
	is_string(image)
	regex.match(`(^|/)kubernetesui/`, image)
}

some_dashboard_image if {
	spec := workload.pod_spec(input.type, input.resource)
	some [_, c] in workload.containers(spec)
	dashboard_image(c.image)
}

# METADATA
# title: Kubernetes Dashboard is deployed
# description: |
#   A workload runs the Kubernetes Dashboard: a web interface to the cluster that is a
#   frequent way in when it is exposed, and that acts with whatever its service account is
#   granted, often far more than the people using it need. Older versions accept a skip
#   of the login altogether.
# related_resources:
# - https://kubernetes.io/docs/tasks/access-application-cluster/web-ui-dashboard/
# - https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md
# custom:
#   id: TG-K8S-127
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove the dashboard and use kubectl or a management tool with your identity provider; if it must stay, run a current version behind authentication, never exposed, with a read-only service account.
#   frameworks:
#     nist-800-53: ["AC-3", "CM-7"]
#     soc2: ["CC6.1", "CC6.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [location, why] in dashboard
	msg := sprintf("%s %q deploys the Kubernetes Dashboard (%s)", [input.type, input.name, why])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# git_sync_override(c) is the setting of container c that replaces the git binary
# git-sync runs.
git_sync_override(c) := sprintf("environment variable %s", [e.name]) if {
	some e in workload.list(object.get(c, "env", []))
	e.name in {"GITSYNC_GIT", "GIT_SYNC_GIT"}
} else := "--git" if {
	image_named(c.image, "git-sync")
	workload.flag(c, "git")
}

git_sync_loc(c) := lib.attr_loc(c, "env") if {
	some e in workload.list(object.get(c, "env", []))
	e.name in {"GITSYNC_GIT", "GIT_SYNC_GIT"}
} else := workload.flag_loc(c, "git")

# METADATA
# title: git-sync runs a git binary chosen by configuration
# description: |
#   A container sets GITSYNC_GIT (GIT_SYNC_GIT), or passes --git to git-sync: git-sync
#   runs that program instead of git, so whoever can change the pod's environment or
#   arguments (or the ConfigMap they come from) runs code in a container that holds the
#   repository credentials.
# related_resources:
# - https://github.com/kubernetes/git-sync
# custom:
#   id: TG-K8S-128
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove the setting and let git-sync run the git of its image; pin git-sync by digest.
#   frameworks:
#     nist-800-53: ["CM-7", "SI-7"]
#     soc2: ["CC6.8"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	setting := git_sync_override(c)
	msg := sprintf("%s %q: %s replaces the git binary of git-sync (%s)", [input.type, input.name, workload.describe(label, c), setting])
	finding := lib.finding(rego.metadata.rule(), git_sync_loc(c), msg)
}
