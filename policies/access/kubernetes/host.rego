package tollgate.access.kubernetes.host

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# Host paths that hand a container the node: its root, its configuration, kernel
# interfaces, the kubelet's credentials and the container runtime's API.
sensitive_paths := {
	"/", "/boot", "/dev", "/etc", "/proc", "/root", "/run", "/sys", "/var", "/var/run",
	"/var/lib", "/var/lib/docker", "/var/lib/containerd", "/var/lib/kubelet",
	"/var/lib/kubelet/pki", "/var/lib/kubelet/pods", "/etc/kubernetes",
	"/run/containerd", "/var/run/containerd", "/run/crio", "/var/run/crio",
	"/run/docker", "/var/run/docker", "/run/cri-dockerd.sock",
}

# Prefixes below which every path is sensitive.
sensitive_prefixes := {"/etc/kubernetes/", "/proc/", "/var/lib/kubelet/pki/", "/var/lib/kubelet/pods/"}

# normalize(path) drops trailing slashes, keeping "/" itself.
normalize(path) := p if {
	p := trim_right(path, "/")
	p != ""
} else := "/"

sensitive(path) if normalize(path) in sensitive_paths

sensitive(path) if {
	some prefix in sensitive_prefixes
	startswith(normalize(path), prefix)
}

# A container runtime socket (docker.sock, containerd.sock, crio.sock...) under /run or /var/run.
sensitive(path) if regex.match(`^(/var)?/run/.*\.sock$`, normalize(path))

host_path_volume(v) := path if {
	path := v.hostPath.path
	is_string(path)
}

# METADATA
# title: Pod mounts a hostPath volume
# description: |
#   A hostPath volume exposes a directory of the node to the pod: it outlives the pod,
#   breaks the isolation between workloads scheduled on the same node, and a write to it
#   can plant files the node or other pods trust. Paths that hand over the node outright
#   (/, /etc, /proc, the container runtime socket, the kubelet's directory...) are reported
#   by TG-K8S-012 instead. Checked on Pods, pod templates of workloads and PodTemplates.
# related_resources:
# - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-011
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Use an emptyDir, a ConfigMap or Secret volume, or a PersistentVolumeClaim instead; if node files must be read, mount the narrowest path with readOnly true and run the pod in a namespace reserved for node agents.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.12"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some v in spec.volumes
	path := host_path_volume(v)
	not sensitive(path)
	msg := sprintf("%s %q mounts host path %q (volume %q)", [input.type, input.name, path, object.get(v, "name", "")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(v.hostPath, "path"), msg)
}

# METADATA
# title: Pod mounts a sensitive host path
# description: |
#   A hostPath volume mounts a part of the node that amounts to owning it: the root
#   filesystem, /etc (users, cron, kubelet configuration), /proc, /sys or /dev, the
#   kubelet's credentials and pod volumes, or a container runtime socket (docker.sock,
#   containerd.sock, crio.sock), through which any container can be started privileged.
#   A compromise of the container is a compromise of the node and of every pod on it.
# related_resources:
# - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-012
#   severity: critical
#   category: access
#   provider: kubernetes
#   remediation: Remove the hostPath volume. Talk to the Kubernetes API (with a narrowly bound service account) instead of the runtime socket, and ship node files with a dedicated, reviewed node agent.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.12"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some v in spec.volumes
	path := host_path_volume(v)
	sensitive(path)
	msg := sprintf("%s %q mounts sensitive host path %q (volume %q)", [input.type, input.name, path, object.get(v, "name", "")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(v.hostPath, "path"), msg)
}

# METADATA
# title: Pod shares the host network namespace
# description: |
#   hostNetwork is true: the pod's containers see every network interface of the node,
#   can listen on any of its ports, reach services bound to the node's loopback (the
#   kubelet's, a local etcd) and sniff the node's traffic, and NetworkPolicies no longer
#   apply to them.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-013
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove hostNetwork (it defaults to false) and expose the pod through a Service.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.5"]
#     nist-800-53: ["AC-6", "SC-39"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	lib.is_true(spec.hostNetwork)
	msg := sprintf("%s %q shares the host network namespace (hostNetwork: true)", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "hostNetwork"), msg)
}

# METADATA
# title: Pod shares the host process namespace
# description: |
#   hostPID is true: the pod's containers see every process of the node, can read their
#   environment and command lines (and the secrets in them), and, as root, signal or
#   ptrace them.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-014
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove hostPID (it defaults to false); to share processes between the pod's own containers use shareProcessNamespace.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.3"]
#     nist-800-53: ["AC-6", "SC-39"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	lib.is_true(spec.hostPID)
	msg := sprintf("%s %q shares the host process namespace (hostPID: true)", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "hostPID"), msg)
}

# METADATA
# title: Pod shares the host IPC namespace
# description: |
#   hostIPC is true: the pod's containers share System V IPC and POSIX message queues and
#   shared memory with every process of the node, and can read or corrupt what other
#   processes keep there.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-015
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove hostIPC (it defaults to false).
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.4"]
#     nist-800-53: ["AC-6", "SC-39"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	lib.is_true(spec.hostIPC)
	msg := sprintf("%s %q shares the host IPC namespace (hostIPC: true)", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(spec, "hostIPC"), msg)
}

# METADATA
# title: Container binds a host port
# description: |
#   A container port sets hostPort: the node itself listens on that port and forwards it
#   to the container, bypassing Services and, with many CNI plugins, NetworkPolicies; it
#   also pins the pod to nodes where the port is free.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# - https://kubernetes.io/docs/concepts/configuration/overview/#services
# custom:
#   id: TG-K8S-016
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove hostPort and expose the container through a Service (ClusterIP, or a LoadBalancer or Ingress when it must be reachable from outside).
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.13"]
#     nist-800-53: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	some port in c.ports
	is_number(port.hostPort)
	port.hostPort != 0
	msg := sprintf("%s %q: %s binds host port %v", [input.type, input.name, workload.describe(label, c), port.hostPort])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(port, "hostPort"), msg)
}

# METADATA
# title: Pod runs Windows HostProcess containers
# description: |
#   securityContext.windowsOptions.hostProcess is true (on the pod or a container): the
#   container runs directly on the Windows node, in its network namespace, with the
#   privileges of the node's users, the Windows equivalent of a privileged container.
# related_resources:
# - https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-017
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove windowsOptions.hostProcess; keep HostProcess containers for node agents in a namespace reserved for them.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.11"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [where, sc] in security_contexts(spec)
	opts := sc.windowsOptions
	lib.is_true(opts.hostProcess)
	msg := sprintf("%s %q: %s runs as a Windows HostProcess container (hostProcess: true)", [input.type, input.name, where])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(opts, "hostProcess"), msg)
}

# security_contexts(spec) is the set of [description, securityContext] of the pod and of
# each of its containers.
security_contexts(spec) := {["the pod", spec.securityContext] | is_object(spec.securityContext)} | {[workload.describe(label, c), c.securityContext] |
	some [label, c] in workload.containers(spec)
	is_object(c.securityContext)
}

# Volume types the Pod Security Standards' restricted profile allows, and hostPath,
# which TG-K8S-011 reports.
core_volume_types := {
	"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
	"projected", "secret", "hostPath", "name", "image", "__loc",
}

# METADATA
# title: Pod mounts a non-core volume type
# description: |
#   A volume of the pod is of a type the Pod Security Standards' restricted profile does
#   not allow (nfs, iscsi, rbd, cephfs, glusterfs, gitRepo, awsElasticBlockStore, azureFile,
#   flexVolume...): the node mounts network storage or runs drivers for the pod, with the
#   node's credentials and privileges, outside PersistentVolume access control. gitRepo in
#   particular has let pods run commands on the node.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# - https://kubernetes.io/docs/concepts/storage/volumes/
# custom:
#   id: TG-K8S-120
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Reach network storage through a PersistentVolumeClaim (with a CSI driver) instead of an inline volume, and replace gitRepo with an init container that clones into an emptyDir.
#   frameworks:
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some v in workload.list(spec.volumes)
	is_object(v)
	some kind, _ in v
	not kind in core_volume_types
	msg := sprintf("%s %q mounts volume %q of type %s, outside the restricted volume types", [input.type, input.name, object.get(v, "name", ""), kind])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(v, kind), msg)
}

# METADATA
# title: Container listens on a privileged port
# description: |
#   A container declares a containerPort below 1024: binding it takes root, the
#   NET_BIND_SERVICE capability or a lowered net.ipv4.ip_unprivileged_port_start, so the
#   container cannot run with all capabilities dropped as a non-root user on every node.
#   Ports above 1023 need none of that; the Service can still expose port 80 or 443.
# related_resources:
# - https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
# - https://man7.org/linux/man-pages/man7/capabilities.7.html
# custom:
#   id: TG-K8S-132
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Have the process listen on a port above 1023 and map the Service's port (80, 443) to it with targetPort.
#   frameworks:
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	some p in workload.list(c.ports)
	port := p.containerPort
	is_number(port)
	port > 0
	port < 1024
	msg := sprintf("%s %q: %s listens on privileged port %v (containerPort below 1024)", [input.type, input.name, workload.describe(label, c), port])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "containerPort"), msg)
}
