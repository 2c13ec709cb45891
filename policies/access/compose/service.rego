package tollgate.access.compose.service

import data.tollgate.lib
import rego.v1

# METADATA
# title: Compose service runs privileged
# description: |
#   `privileged: true` gives the container every capability and access to all of the host's
#   devices, and disables its seccomp and AppArmor profiles: escaping to the host is trivial.
# related_resources:
# - https://docs.docker.com/reference/compose-file/services/#privileged
# - https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
# custom:
#   id: TG-COMPOSE-001
#   severity: high
#   category: access
#   remediation: >-
#     Remove `privileged: true`; grant only the capabilities the service needs with cap_add, and the devices with devices.
deny contains finding if {
	input.type == "compose_service"
	svc := input.resource
	lib.is_true(svc.privileged)
	msg := sprintf("service %q runs privileged", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(svc, "privileged"), msg)
}

host_namespaces := {"network_mode": "network", "pid": "PID", "ipc": "IPC", "userns_mode": "user", "cgroup": "cgroup", "uts": "UTS"}

# METADATA
# title: Compose service shares a host namespace
# description: |
#   `network_mode: host` puts the container on the host's network stack (it can bind any host
#   port and reach services listening on localhost); `pid: host` lets it see and signal every
#   process of the host; `ipc: host` shares the host's shared memory; `userns_mode: host` turns
#   off user namespace remapping, so root in the container is root on the host;
#   `cgroup: host` and `uts: host` share the host's cgroup tree and host name. Each removes an
#   isolation boundary between the container and the host.
# related_resources:
# - https://docs.docker.com/reference/compose-file/services/#network_mode
# - https://docs.docker.com/reference/compose-file/services/#pid
# - https://docs.docker.com/reference/compose-file/services/#ipc
# - https://docs.docker.com/reference/compose-file/services/#userns_mode
# custom:
#   id: TG-COMPOSE-002
#   severity: high
#   category: access
#   remediation: >-
#     Remove `network_mode: host`, `pid: host`, `ipc: host`, `userns_mode: host`, `cgroup: host` and `uts: host`; publish the ports the service needs with ports and share namespaces only with another service (service:NAME) when required.
deny contains finding if {
	input.type == "compose_service"
	svc := input.resource
	some key, namespace in host_namespaces
	svc[key] == "host"
	msg := sprintf("service %q shares the host's %s namespace (%s: host)", [input.name, namespace, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(svc, key), msg)
}

# Variable names that suggest a credential.
secret_name := `(?i)(secret|password|passwd|token|api_?key|private_?key|access_?key|credential)`

# Names that hold where a credential is, not the credential (POSTGRES_PASSWORD_FILE).
reference_name := `(?i)_(file|path|dir)$`

# METADATA
# title: Compose service sets a credential literally in its environment
# description: |
#   An environment variable named like a credential (secret, password, token, API key, private
#   or access key) has its value written in the compose file, where everyone with access to the
#   repository reads it. Values taken from the environment (`${VAR}` interpolation, or a bare
#   `KEY`) are not reported. Only the variable's name is reported, never its value.
# related_resources:
# - https://docs.docker.com/compose/how-tos/use-secrets/
# - https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-COMPOSE-003
#   severity: high
#   category: access
#   remediation: >-
#     Use Compose secrets (a `secrets:` entry read from a file, with the _FILE variable convention), or interpolate the value from the deployment environment (`DB_PASSWORD: ${DB_PASSWORD}`). Rotate the exposed credential.
deny contains finding if {
	input.type == "compose_service"
	env := input.resource.environment
	some name, value in env
	name != "__loc"
	regex.match(secret_name, name)
	not regex.match(reference_name, name)
	is_string(value)
	value != ""
	not env.__loc.attrs[name].interpolated
	msg := sprintf("service %q sets credential-like environment variable %q to a literal value", [input.name, name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(env, name), msg)
}

# METADATA
# title: Compose service mounts the container engine socket
# description: |
#   A service that mounts /var/run/docker.sock (or a Podman socket) can start a privileged
#   container with the host's root file system mounted: it is root on the host. Read-only
#   mounts are no protection, the API is reached over the socket.
# related_resources:
# - https://docs.docker.com/engine/security/#docker-daemon-attack-surface
# - https://owasp.org/www-project-docker-top-10/
# custom:
#   id: TG-COMPOSE-004
#   severity: critical
#   category: access
#   remediation: Remove the socket mount. If the service must manage containers, put a filtering proxy (e.g. docker-socket-proxy) in front of the API and grant only the calls it needs.
deny contains finding if {
	input.type == "compose_service"
	some v in input.resource.volumes
	is_string(v.source)
	engine_socket(v.source)
	msg := sprintf("service %q mounts the container engine socket %s", [input.name, v.source])
	finding := lib.finding(rego.metadata.rule(), lib.loc(v), msg)
}

engine_socket(path) if endswith(path, "/docker.sock")

engine_socket(path) if endswith(path, "/podman.sock")

# Capabilities that break a container's isolation from the host and from other containers.
# NET_RAW is left out: Docker grants it by default, adding it changes nothing.
dangerous_capabilities := {
	"ALL", "BPF", "DAC_READ_SEARCH", "MAC_ADMIN", "MAC_OVERRIDE", "NET_ADMIN",
	"PERFMON", "SYSLOG", "SYS_ADMIN", "SYS_BOOT", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_TIME",
}

# METADATA
# title: Compose service adds a dangerous capability
# description: |
#   cap_add grants a capability that breaks the container's isolation: SYS_ADMIN (mounts,
#   namespaces: nearly root on the host), NET_ADMIN (reconfigure the network), SYS_PTRACE
#   (inspect and alter other processes), SYS_MODULE (load kernel modules), BPF, PERFMON,
#   SYS_RAWIO, DAC_READ_SEARCH, MAC_ADMIN, MAC_OVERRIDE, SYSLOG, SYS_BOOT, SYS_TIME, or ALL.
# related_resources:
# - https://docs.docker.com/reference/compose-file/services/#cap_add
# - https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
# custom:
#   id: TG-COMPOSE-005
#   severity: high
#   category: access
#   remediation: >-
#     Remove the capability from cap_add; add `cap_drop: [ALL]` and add back only what the process needs (usually nothing, or NET_BIND_SERVICE).
#   frameworks:
#     cis-docker-1.6: ["5.4"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type == "compose_service"
	svc := input.resource
	added := {trim_prefix(upper(x), "CAP_") | some x in svc.cap_add; is_string(x)} & dangerous_capabilities
	count(added) > 0
	msg := sprintf("service %q adds capabilities %s", [input.name, concat(", ", sort(added))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(svc, "cap_add"), msg)
}

# unconfined(opt) describes a security_opt entry that turns off a confinement mechanism;
# Docker accepts both KEY:VALUE and KEY=VALUE.
unconfined(opt) := "its seccomp profile" if regex.match(`^seccomp[:=]\s*unconfined$`, lower(trim_space(opt)))

else := "AppArmor" if regex.match(`^apparmor[:=]\s*unconfined$`, lower(trim_space(opt)))

else := "SELinux labelling" if regex.match(`^label[:=]\s*disable$`, lower(trim_space(opt)))

else := "the masking of /proc and /sys paths" if regex.match(`^systempaths[:=]\s*unconfined$`, lower(trim_space(opt)))

# METADATA
# title: Compose service turns off seccomp, AppArmor or SELinux confinement
# description: |
#   A security_opt entry runs the container without the confinement Docker applies by
#   default: seccomp:unconfined (every system call allowed, including those used in kernel
#   exploits), apparmor:unconfined, label:disable (SELinux) or systempaths=unconfined (the
#   host's /proc and /sys paths left writable). A process that breaks out of the application
#   meets one barrier less before the host.
# related_resources:
# - https://docs.docker.com/reference/compose-file/services/#security_opt
# - https://docs.docker.com/engine/security/seccomp/
# - https://docs.docker.com/engine/security/apparmor/
# custom:
#   id: TG-COMPOSE-006
#   severity: high
#   category: access
#   remediation: >-
#     Remove the entry to get Docker's default profiles; if a system call or path is really needed, write a custom seccomp or AppArmor profile that allows only it (security_opt: [seccomp:./profile.json]).
#   frameworks:
#     cis-docker-1.6: ["5.1", "5.2", "5.21"]
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.8"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type == "compose_service"
	svc := input.resource
	some opt in svc.security_opt
	is_string(opt)
	what := unconfined(opt)
	msg := sprintf("service %q turns off %s (security_opt %s)", [input.name, what, opt])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(svc, "security_opt"), msg)
}
