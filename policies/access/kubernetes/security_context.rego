package tollgate.access.kubernetes.security_context

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: Container may run as root
# description: |
#   Neither the container nor its pod sets securityContext.runAsNonRoot to true, and no
#   runAsUser is set: the container runs as whatever user its image names, root for most
#   images, and the kubelet does not refuse to start it as UID 0. A non-zero runAsUser is
#   accepted as running as non-root; runAsUser 0 is reported by TG-K8S-019.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-018
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Set securityContext.runAsNonRoot true on the pod (and a non-zero runAsUser when the image names no user), and build the image with a non-root USER.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.7"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	not non_root(spec, c)
	not sets_uid(spec, c)
	msg := sprintf("%s %q: %s may run as root (runAsNonRoot is not true and no runAsUser is set)", [input.type, input.name, workload.describe(label, c)])
	finding := lib.finding(rego.metadata.rule(), workload.setting_loc(spec, c, "runAsNonRoot"), msg)
}

# Helpers for negations: `not f(x.y)` is undefined, not true, when x.y is undefined.
non_root(spec, c) if lib.is_true(workload.setting(spec, c, "runAsNonRoot"))

sets_uid(spec, c) if is_number(workload.setting(spec, c, "runAsUser"))

escalation_disabled(c) if lib.is_false(c.securityContext.allowPrivilegeEscalation)

read_only_root(c) if lib.is_true(c.securityContext.readOnlyRootFilesystem)

# METADATA
# title: Container runs as UID 0
# description: |
#   securityContext.runAsUser is 0 on the container, or on its pod and not overridden by
#   the container: the container's processes run as root. A compromise of the application
#   is a compromise of root in the container, one kernel bug or misconfiguration away from
#   the node.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-019
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Set runAsUser to a non-zero UID (e.g. 10001) and runAsNonRoot true; give the files the process needs to that user in the image.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.7"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	workload.setting(spec, c, "runAsUser") == 0
	msg := sprintf("%s %q: %s runs as UID 0 (runAsUser: 0)", [input.type, input.name, workload.describe(label, c)])
	finding := lib.finding(rego.metadata.rule(), workload.setting_loc(spec, c, "runAsUser"), msg)
}

# METADATA
# title: Container allows privilege escalation
# description: |
#   securityContext.allowPrivilegeEscalation is not false: a process in the container can
#   gain more privileges than its parent (no_new_privs is not set), through setuid binaries
#   such as sudo or su, or file capabilities. The default is true.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-020
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Set securityContext.allowPrivilegeEscalation false on every container.
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.6"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	not escalation_disabled(c)
	msg := sprintf("%s %q: %s allows privilege escalation (allowPrivilegeEscalation is not false)", [input.type, input.name, workload.describe(label, c)])
	finding := lib.finding(rego.metadata.rule(), own_setting_loc(c, "allowPrivilegeEscalation"), msg)
}

# Capabilities that give a container control of the node or of other workloads' traffic.
dangerous_capabilities := {
	"ALL", "BPF", "DAC_READ_SEARCH", "MAC_ADMIN", "MAC_OVERRIDE", "NET_ADMIN", "NET_RAW",
	"PERFMON", "SYSLOG", "SYS_ADMIN", "SYS_BOOT", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_TIME",
}

# capability(x) is the capability name x in the canonical form: upper case, no CAP_ prefix.
capability(x) := trim_prefix(upper(x), "CAP_") if is_string(x)

# METADATA
# title: Container adds a dangerous capability
# description: |
#   securityContext.capabilities.add grants a capability that breaks the container's
#   isolation: SYS_ADMIN (mounts, namespaces: nearly root on the node), NET_ADMIN and
#   NET_RAW (reconfigure or spoof the pod network), SYS_PTRACE (inspect other processes),
#   SYS_MODULE (load kernel modules), BPF, PERFMON, SYS_RAWIO, DAC_READ_SEARCH, MAC_ADMIN,
#   MAC_OVERRIDE, SYSLOG, SYS_BOOT, SYS_TIME, or ALL of them.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# - https://man7.org/linux/man-pages/man7/capabilities.7.html
# custom:
#   id: TG-K8S-021
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove the capability from capabilities.add; drop ALL and add back only what the process needs (usually nothing, or NET_BIND_SERVICE).
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.8", "5.2.9"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	caps := c.securityContext.capabilities
	added := {capability(x) | some x in workload.list(caps.add)} & dangerous_capabilities
	count(added) > 0
	msg := sprintf("%s %q: %s adds capabilities %s", [input.type, input.name, workload.describe(label, c), concat(", ", sort(added))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(caps, "add"), msg)
}

# METADATA
# title: Container does not drop all capabilities
# description: |
#   securityContext.capabilities.drop does not include ALL: the container keeps the
#   runtime's default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW,
#   MKNOD...), most of which an application never needs and an attacker can use.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
# custom:
#   id: TG-K8S-022
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add back only the capabilities the process needs.'
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.10"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	not drops_all(c)
	msg := sprintf("%s %q: %s does not drop all capabilities (capabilities.drop has no ALL)", [input.type, input.name, workload.describe(label, c)])
	finding := lib.finding(rego.metadata.rule(), drop_loc(c), msg)
}

drops_all(c) if {
	some x in workload.list(c.securityContext.capabilities.drop)
	capability(x) == "ALL"
}

drop_loc(c) := lib.attr_loc(c.securityContext.capabilities, "drop") if {
	is_object(c.securityContext.capabilities)
} else := workload.container_loc(c)

# METADATA
# title: Container root filesystem is writable
# description: |
#   securityContext.readOnlyRootFilesystem is not true: an attacker who gets code
#   execution can modify the application's binaries and configuration, or drop tools,
#   in the container's filesystem.
# related_resources:
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-023
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Set securityContext.readOnlyRootFilesystem true and mount an emptyDir where the application must write (/tmp, caches).
#   frameworks:
#     cis-kubernetes-1.8: ["5.7.3"]
#     nist-800-53: ["CM-7"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	not read_only_root(c)
	msg := sprintf("%s %q: %s has a writable root filesystem (readOnlyRootFilesystem is not true)", [input.type, input.name, workload.describe(label, c)])
	finding := lib.finding(rego.metadata.rule(), own_setting_loc(c, "readOnlyRootFilesystem"), msg)
}

# own_setting_loc(c, key) is the location of the container's own securityContext.key,
# else of its securityContext, else of the container.
own_setting_loc(c, key) := lib.attr_loc(c.securityContext, key) if {
	is_object(c.securityContext)
} else := lib.loc(c)

# seccomp(spec, c) is the seccompProfile that applies to the container: its own, else the pod's.
seccomp(spec, c) := p if {
	p := c.securityContext.seccompProfile
	is_object(p)
} else := p if {
	p := spec.securityContext.seccompProfile
	is_object(p)
}

seccomp_problem(spec, c) := sprintf("uses seccomp profile %q", [t]) if {
	t := seccomp(spec, c).type
	not t in {"RuntimeDefault", "Localhost"}
} else := "has no seccomp profile" if {
	not has_seccomp_type(spec, c)
}

has_seccomp_type(spec, c) if seccomp(spec, c).type

seccomp_loc(spec, c) := lib.attr_loc(seccomp(spec, c), "type") if {
	seccomp(spec, c)
} else := workload.container_loc(c)

# METADATA
# title: Container runs without a seccomp profile
# description: |
#   Neither the container nor its pod sets securityContext.seccompProfile.type to
#   RuntimeDefault or Localhost (it is unset, or Unconfined): every system call of the
#   kernel is reachable from the container, including those behind most container escapes.
#   The deprecated seccomp annotations, which current Kubernetes versions no longer apply,
#   are not read.
# related_resources:
# - https://kubernetes.io/docs/tutorials/security/seccomp/
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: TG-K8S-024
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: 'Set securityContext.seccompProfile: {type: RuntimeDefault} on the pod (or a Localhost profile tailored to the application).'
#   frameworks:
#     cis-kubernetes-1.8: ["5.7.2"]
#     nist-800-53: ["CM-7", "SC-39"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	problem := seccomp_problem(spec, c)
	msg := sprintf("%s %q: %s %s", [input.type, input.name, workload.describe(label, c), problem])
	finding := lib.finding(rego.metadata.rule(), seccomp_loc(spec, c), msg)
}

# apparmor(spec, c) is the appArmorProfile that applies to the container: its own, else the pod's.
apparmor(spec, c) := p if {
	p := c.securityContext.appArmorProfile
	is_object(p)
} else := p if {
	p := spec.securityContext.appArmorProfile
	is_object(p)
}

# apparmor_unconfined(annotations, spec, c) is the location of the setting that runs the
# container without AppArmor: the appArmorProfile field that applies to it, else the
# legacy annotation container.apparmor.security.beta.kubernetes.io/NAME.
apparmor_unconfined(annotations, spec, c) := lib.attr_loc(p, "type") if {
	p := apparmor(spec, c)
	p.type == "Unconfined"
} else := lib.attr_loc(annotations, key) if {
	key := sprintf("container.apparmor.security.beta.kubernetes.io/%s", [object.get(c, "name", "")])
	annotations[key] == "unconfined"
}

# METADATA
# title: Container runs without AppArmor
# description: |
#   The container's AppArmor profile is Unconfined (securityContext.appArmorProfile.type
#   on the container or its pod, or the legacy container.apparmor.security.beta.kubernetes.io
#   annotation): the mandatory access control the runtime applies by default, which blocks
#   mounts and writes to /proc and /sys, is turned off.
# related_resources:
# - https://kubernetes.io/docs/tutorials/security/apparmor/
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-025
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove the Unconfined profile so that the runtime default applies, or set appArmorProfile.type RuntimeDefault (or a Localhost profile).
#   frameworks:
#     cis-kubernetes-1.8: ["5.7.3"]
#     nist-800-53: ["CM-7", "SC-39"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	annotations := workload.pod_annotations(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	location := apparmor_unconfined(annotations, spec, c)
	msg := sprintf("%s %q: %s runs without AppArmor (profile Unconfined)", [input.type, input.name, workload.describe(label, c)])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

# METADATA
# title: Container unmasks /proc
# description: |
#   securityContext.procMount is Unmasked: the container sees /proc without the masks
#   and read-only paths the runtime applies (/proc/kcore, /proc/sys, /proc/sysrq-trigger...),
#   which expose kernel memory and node-wide settings.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-026
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove procMount (the default is Default, the masked /proc).
#   frameworks:
#     cis-kubernetes-1.8: ["5.7.3"]
#     nist-800-53: ["CM-7", "SC-39"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	c.securityContext.procMount == "Unmasked"
	msg := sprintf("%s %q: %s mounts /proc unmasked (procMount: Unmasked)", [input.type, input.name, workload.describe(label, c)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(c.securityContext, "procMount"), msg)
}

# Namespaced sysctls the Pod Security Standards allow (baseline profile).
safe_sysctls := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
}

# METADATA
# title: Pod sets an unsafe sysctl
# description: |
#   securityContext.sysctls sets a kernel parameter outside the safe set of the Pod
#   Security Standards: such parameters are not isolated per pod, so changing them affects,
#   or can take down, every workload on the node.
# related_resources:
# - https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-027
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove the sysctl, or tune the node itself and schedule the workload on dedicated nodes.
#   frameworks:
#     cis-kubernetes-1.8: ["5.7.3"]
#     nist-800-53: ["CM-7", "SC-39"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some s in spec.securityContext.sysctls
	is_string(s.name)
	not replace(s.name, "/", ".") in safe_sysctls
	msg := sprintf("%s %q sets unsafe sysctl %q", [input.type, input.name, s.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(s, "name"), msg)
}

# SELinux types the Pod Security Standards allow.
selinux_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

# selinux_problems(opts) is the set of [key, description] of the seLinuxOptions that
# the Pod Security Standards forbid.
selinux_problems(opts) := {["type", sprintf("SELinux type %q", [t])] |
	t := opts.type
	not t in selinux_types
} | {[key, sprintf("a custom SELinux %s", [key])] |
	some key in ["user", "role"]
	is_string(opts[key])
	opts[key] != ""
}

# METADATA
# title: Pod sets custom SELinux options
# description: |
#   securityContext.seLinuxOptions (on the pod or a container) sets an SELinux user or
#   role, or a type other than the container types (container_t, container_init_t,
#   container_kvm_t, container_engine_t): an unconfined type such as spc_t lifts the
#   SELinux confinement of the container.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: TG-K8S-028
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove seLinuxOptions, or set only level (the MCS label) and keep the type container_t.
#   frameworks:
#     cis-kubernetes-1.8: ["5.7.3"]
#     nist-800-53: ["AC-6", "SC-39"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [where, sc] in security_contexts(spec)
	opts := sc.seLinuxOptions
	is_object(opts)
	some [key, problem] in selinux_problems(opts)
	msg := sprintf("%s %q: %s sets %s", [input.type, input.name, where, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(opts, key), msg)
}

# security_contexts(spec) is the set of [description, securityContext] of the pod and of
# each of its containers.
security_contexts(spec) := {["the pod", spec.securityContext] | is_object(spec.securityContext)} | {[workload.describe(label, c), c.securityContext] |
	some [label, c] in workload.containers(spec)
	is_object(c.securityContext)
}

# METADATA
# title: Container adds capabilities beyond NET_BIND_SERVICE
# description: |
#   securityContext.capabilities.add grants a capability other than NET_BIND_SERVICE (the
#   only one the Pod Security Standards' restricted profile allows to add) and outside the
#   dangerous ones reported by TG-K8S-021: CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID,
#   KILL, MKNOD, SYS_CHROOT... Each widens what a compromised process may do, and most
#   applications need none of them.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# - https://man7.org/linux/man-pages/man7/capabilities.7.html
# custom:
#   id: TG-K8S-116
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Remove the capability from capabilities.add, or change the image so the process does not need it (file ownership at build time, ports above 1023).
#   frameworks:
#     cis-kubernetes-1.8: ["5.2.9"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	some [label, c] in workload.containers(spec)
	caps := c.securityContext.capabilities
	added := ({capability(x) | some x in workload.list(caps.add)} - dangerous_capabilities) - {"NET_BIND_SERVICE"}
	count(added) > 0
	msg := sprintf("%s %q: %s adds capabilities beyond NET_BIND_SERVICE (%s)", [input.type, input.name, workload.describe(label, c), concat(", ", sort(added))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(caps, "add"), msg)
}

# low_id(v) holds for a number from 1 to 10000: IDs that regular users and groups of a
# node commonly have (0 is reported on its own).
low_id(v) if {
	is_number(v)
	v > 0
	v <= 10000
}

# METADATA
# title: Container runs with a UID that may exist on the node
# description: |
#   securityContext.runAsUser (the container's, else the pod's) is between 1 and 10000:
#   the range where a node's own users live. A process that escapes the container keeps
#   its UID and may then own that user's files and processes on the node. Pods with their
#   own user namespace (hostUsers false) are not reported.
# related_resources:
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# - https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/
# custom:
#   id: TG-K8S-117
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Run as a UID above 10000 (e.g. 10001) that no node account uses, or set hostUsers false.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	not own_user_namespace(spec)
	some [label, c] in workload.containers(spec)
	uid := workload.setting(spec, c, "runAsUser")
	low_id(uid)
	msg := sprintf("%s %q: %s runs with UID %v, in the range of node users (runAsUser is not above 10000)", [input.type, input.name, workload.describe(label, c), uid])
	finding := lib.finding(rego.metadata.rule(), workload.setting_loc(spec, c, "runAsUser"), msg)
}

own_user_namespace(spec) if lib.is_false(spec.hostUsers)

# METADATA
# title: Container runs with a GID that may exist on the node
# description: |
#   securityContext.runAsGroup (the container's, else the pod's) is between 1 and 10000:
#   the range where a node's own groups live. A process that escapes the container keeps
#   its GID and may then read and write that group's files on the node. Pods with their own
#   user namespace (hostUsers false) are not reported.
# related_resources:
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-118
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Run with a GID above 10000 (e.g. 10001) that no node group uses, or set hostUsers false.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	not workload.windows(spec)
	not own_user_namespace(spec)
	some [label, c] in workload.containers(spec)
	gid := workload.setting(spec, c, "runAsGroup")
	low_id(gid)
	msg := sprintf("%s %q: %s runs with GID %v, in the range of node groups (runAsGroup is not above 10000)", [input.type, input.name, workload.describe(label, c), gid])
	finding := lib.finding(rego.metadata.rule(), workload.setting_loc(spec, c, "runAsGroup"), msg)
}

# root_group_settings is the set of [location, setting] of the input's pod spec that give
# its processes the root group (GID 0).
root_group_settings contains [lib.attr_loc(spec.securityContext, key), sprintf("pod securityContext.%s: 0", [key])] if {
	spec := workload.pod_spec(input.type, input.resource)
	some key in ["runAsGroup", "fsGroup"]
	spec.securityContext[key] == 0
}

root_group_settings contains [lib.attr_loc(spec.securityContext, "supplementalGroups"), "pod securityContext.supplementalGroups includes 0"] if {
	spec := workload.pod_spec(input.type, input.resource)
	some g in workload.list(spec.securityContext.supplementalGroups)
	g == 0
}

root_group_settings contains [lib.attr_loc(c.securityContext, "runAsGroup"), sprintf("%s runAsGroup: 0", [workload.describe(label, c)])] if {
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	c.securityContext.runAsGroup == 0
}

# METADATA
# title: Pod runs with the root group
# description: |
#   The pod or one of its containers sets runAsGroup, fsGroup or a supplemental group to 0:
#   the processes belong to the root group, and can read and write every file that group
#   owns, in the container and on any host path or volume shared with it.
# related_resources:
# - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-119
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Set runAsGroup and fsGroup to a non-zero GID (above 10000) and remove 0 from supplementalGroups.
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	not workload.windows(workload.pod_spec(input.type, input.resource))
	some [location, setting] in root_group_settings
	msg := sprintf("%s %q runs with the root group (%s)", [input.type, input.name, setting])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}
