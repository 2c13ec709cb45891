# METADATA
# title: Kubernetes workload helpers
# description: |
#   Shared by the Kubernetes rules: where a manifest keeps its pod spec, its containers,
#   the security settings that apply to each container (the container's own, else the
#   pod's), the command-line flags a container is started with, and image references.
#   This package defines no deny rule.
package tollgate.access.kubernetes.workload

import data.tollgate.lib
import rego.v1

# Kinds whose pod template is at spec.template.spec.
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

# Every kind that carries a pod spec. Rules repeat this set literally in their first
# expression, `input.type in {...}`, so that OPA's rule index can use it.
kinds := template_kinds | {"Pod", "CronJob", "PodTemplate"}

# pod_spec(kind, manifest) is the pod spec of a Pod, of a PodTemplate or of a
# workload's pod template.
pod_spec(kind, manifest) := manifest.spec if kind == "Pod"

pod_spec(kind, manifest) := manifest.spec.template.spec if kind in template_kinds

pod_spec(kind, manifest) := manifest.spec.jobTemplate.spec.template.spec if kind == "CronJob"

pod_spec(kind, manifest) := manifest.template.spec if kind == "PodTemplate"

# pod_metadata(kind, manifest) is the metadata of the pods the manifest creates.
pod_metadata(kind, manifest) := manifest.metadata if kind == "Pod"

pod_metadata(kind, manifest) := manifest.spec.template.metadata if kind in template_kinds

pod_metadata(kind, manifest) := manifest.spec.jobTemplate.spec.template.metadata if kind == "CronJob"

pod_metadata(kind, manifest) := manifest.template.metadata if kind == "PodTemplate"

# pod_annotations(kind, manifest) is the annotations of the pods the manifest creates;
# empty when there are none.
pod_annotations(kind, manifest) := a if {
	a := pod_metadata(kind, manifest).annotations
	is_object(a)
} else := {}

container_lists := {
	"initContainers": "init container",
	"containers": "container",
	"ephemeralContainers": "ephemeral container",
}

# containers(spec) is the set of [label, container] pairs of every container, init
# container and ephemeral container of the pod spec; label is how messages name it.
containers(spec) := {[label, c] |
	some field, label in container_lists
	some c in spec[field]
	is_object(c)
}

# describe(label, c) names a container in a message: container "app".
describe(label, c) := sprintf("%s %q", [label, object.get(c, "name", "")])

# setting(spec, c, key) is the value of securityContext.key that applies to container c:
# the container's own, else the pod's. Undefined when neither sets it.
setting(spec, c, key) := v if {
	v := c.securityContext[key]
} else := v if {
	v := spec.securityContext[key]
}

# setting_loc(spec, c, key) is the location of the securityContext.key that applies to
# container c, else that of the container's securityContext, else the container's.
setting_loc(spec, c, key) := lib.attr_loc(c.securityContext, key) if {
	_ = c.securityContext[key]
} else := lib.attr_loc(spec.securityContext, key) if {
	_ = spec.securityContext[key]
} else := container_loc(c)

# container_loc(c) is the location of the container's securityContext when it has one,
# else the container's: where a missing setting belongs.
container_loc(c) := lib.loc(c.securityContext) if {
	is_object(c.securityContext)
} else := lib.loc(c)

# list(x) is x when it is an array, else the empty array: fields of the wrong type
# must not raise errors.
list(x) := x if is_array(x)

else := []

# argv(c) is the container's command followed by its args.
argv(c) := array.concat(list(object.get(c, "command", [])), list(object.get(c, "args", [])))

# runs(c, binary) holds when the container starts binary: the first word of its
# command (or of its args when it has no command), or an image named after it
# (registry.k8s.io/kube-apiserver:v1.30.0).
runs(c, binary) if {
	first := argv(c)[0]
	is_string(first)
	basename(first) == binary
}

runs(c, binary) if {
	is_string(c.image)
	regex.match(sprintf(`(^|/)%s(-[a-z0-9]+)?([:@]|$)`, [binary]), c.image)
}

basename(path) := parts[count(parts) - 1] if parts := split(path, "/")

# flag_values(c, name) lists, in order, the values given to --name in the container's
# command and args: --name=value gives value, a bare --name gives "true".
flag_values(c, name) := [v |
	some a in argv(c)
	is_string(a)
	startswith(a, "--")
	[k, v] := split_flag(substring(a, 2, -1))
	k == name
]

split_flag(s) := [substring(s, 0, i), substring(s, i + 1, -1)] if {
	i := indexof(s, "=")
	i >= 0
} else := [s, "true"]

# flag(c, name) is the value of the last --name flag; undefined when it is not given.
flag(c, name) := vals[count(vals) - 1] if {
	vals := flag_values(c, name)
	count(vals) > 0
}

# flag_loc(c, name) is the location of the list (args or command) that gives --name,
# else of the command, else of the container.
flag_loc(c, name) := lib.attr_loc(c, "args") if {
	some a in list(object.get(c, "args", []))
	is_string(a)
	flag_name(a) == name
} else := lib.attr_loc(c, "command")

flag_name(a) := split_flag(substring(a, 2, -1))[0] if startswith(a, "--")

# flag_list(c, name) is the comma-separated value of --name as a set of trimmed
# items; empty when the flag is not given.
flag_list(c, name) := {trim_space(x) | some x in split(flag(c, name), ","); trim_space(x) != ""}

# digest_pinned(image) holds when the image reference names a digest.
digest_pinned(image) if contains(image, "@sha256:")

digest_pinned(image) if contains(image, "@sha512:")

# image_tag(image) is the tag of an image reference without a digest; "" when it has
# no tag (a port in the registry host is not a tag).
image_tag(image) := tag if {
	not contains(image, "@")
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	tag := split(last, ":")[1]
} else := ""

# windows(spec) holds for pods that declare they run on Windows nodes (spec.os.name),
# where Linux-only settings (capabilities, seccomp, AppArmor, SELinux...) do not apply.
windows(spec) if spec.os.name == "windows"

# subject names the document in messages: KIND "NAME", or KIND in "PATH" for the
# configuration files that carry no name (KubeletConfiguration, EncryptionConfiguration).
subject := sprintf("%s %q", [input.type, input.name]) if {
	is_string(input.name)
	input.name != ""
} else := sprintf("%s in %q", [input.type, input.path])

# containers_running(kind, manifest, binary) is the set of containers of the manifest's
# pod spec that start binary (kube-apiserver in a static pod manifest).
containers_running(kind, manifest, binary) := {c |
	spec := pod_spec(kind, manifest)
	some [_, c] in containers(spec)
	runs(c, binary)
}

# containers_started(kind, manifest, binary) is the set of containers of the manifest's
# pod spec whose command (or, without one, args) starts with binary. Stricter than
# containers_running: etcd or kubelet images are also used by charts that configure
# them without flags.
containers_started(kind, manifest, binary) := {c |
	spec := pod_spec(kind, manifest)
	some [_, c] in containers(spec)
	first := argv(c)[0]
	is_string(first)
	basename(first) == binary
}

# etcd_setting(c, name) is the value an etcd container gives to its --name option: the
# flag, else the ETCD_NAME environment variable (etcd reads both). Undefined when
# neither sets it.
etcd_setting(c, name) := v if {
	v := flag(c, name)
} else := v if {
	env_name := sprintf("ETCD_%s", [upper(replace(name, "-", "_"))])
	some e in list(object.get(c, "env", []))
	e.name == env_name
	v := e.value
	is_string(v)
}

# etcd_unknown(c, name) holds when the etcd container reads its options from a file
# (--config-file) or from environment variables without a literal value, so an option it
# does not set on the command line is not known to be unset.
etcd_unknown(c, name) if {
	not etcd_setting(c, name)
	flag(c, "config-file")
}

etcd_unknown(c, name) if {
	not etcd_setting(c, name)
	some e in list(object.get(c, "env", []))
	e.name == sprintf("ETCD_%s", [upper(replace(name, "-", "_"))])
}

etcd_unknown(c, name) if {
	not etcd_setting(c, name)
	some e in list(object.get(c, "envFrom", []))
	is_object(e)
}

# etcd_unset(c, name) holds when the etcd container is known to leave --name unset.
etcd_unset(c, name) if {
	not etcd_setting(c, name)
	not etcd_unknown(c, name)
}

# Annotations that make a Service of type LoadBalancer internal, with the (lower-case)
# values that do, by cloud provider.
internal_lb_annotations := {
	"service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"networking.gke.io/load-balancer-type": {"internal"},
	"cloud.google.com/load-balancer-type": {"internal"},
	"service.beta.kubernetes.io/oci-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/openstack-internal-load-balancer": {"true"},
	"service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": {"private"},
	"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type": {"intranet"},
}

# external_load_balancer(svc) holds for a Service of type LoadBalancer that is neither
# internal nor restricted to source ranges that exclude the internet.
external_load_balancer(svc) if {
	svc.spec.type == "LoadBalancer"
	not internal_load_balancer(svc)
	not source_restricted(svc)
}

annotations(manifest) := a if {
	a := manifest.metadata.annotations
	is_object(a)
} else := {}

internal_load_balancer(svc) if {
	some key, values in internal_lb_annotations
	v := annotations(svc)[key]
	is_string(v)
	lower(v) in values
}

# The AWS in-tree provider makes the load balancer internal for any value but "false".
internal_load_balancer(svc) if {
	v := annotations(svc)["service.beta.kubernetes.io/aws-load-balancer-internal"]
	is_string(v)
	not lower(v) in {"", "false"}
}

source_ranges(svc) := {trim_space(r) | some r in list(svc.spec.loadBalancerSourceRanges); is_string(r)} | {trim_space(r) |
	v := annotations(svc)["service.beta.kubernetes.io/load-balancer-source-ranges"]
	is_string(v)
	some r in split(v, ",")
	trim_space(r) != ""
}

source_restricted(svc) if {
	ranges := source_ranges(svc)
	count(ranges) > 0
	count(ranges & {"0.0.0.0/0", "::/0"}) == 0
}
