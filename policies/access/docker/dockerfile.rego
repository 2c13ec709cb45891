package tollgate.access.docker.dockerfile

import data.tollgate.lib
import rego.v1

# METADATA
# title: Dockerfile's final stage runs as root
# description: |
#   The stage `docker build` outputs (the last one) sets no USER, or switches to root
#   (root, 0, root:GROUP, 0:GROUP), so the image's processes run as UID 0 unless the runtime
#   overrides it. A USER set in an earlier stage the final one is built FROM counts. The
#   finding points at the last USER instruction of the stage, or at its FROM line when it has none.
# related_resources:
# - https://docs.docker.com/build/building/best-practices/#user
# - https://docs.docker.com/reference/dockerfile/#user
# custom:
#   id: TG-DOCKER-001
#   severity: high
#   category: access
#   remediation: Create an unprivileged user and end the final stage with USER, e.g. `USER 10001:10001` (distroless images have `USER nonroot`).
deny contains finding if {
	input.type == "dockerfile_stage"
	stage := input.resource
	stage.is_final == true
	user := stage.user
	is_string(user)
	root_user(user)
	msg := sprintf("final stage %q runs as root (%s)", [input.name, user_description(user)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(stage, "user"), msg)
}

root_user(user) if user in {"", "root", "0", "0:0"}

root_user(user) if startswith(user, "root:")

root_user(user) if startswith(user, "0:")

user_description(user) := "no USER set" if user == ""

else := sprintf("USER %s", [user])

# Variable names that suggest a credential.
secret_name := `(?i)(secret|password|passwd|token|api_?key|private_?key|access_?key|credential)`

# Names that hold where a credential is, not the credential (POSTGRES_PASSWORD_FILE).
reference_name := `(?i)_(file|path|dir)$`

credential(name, value) if {
	is_string(name)
	regex.match(secret_name, name)
	not regex.match(reference_name, name)
	is_string(value)
	value != ""
}

# credential_entries are the ENV and ARG entries of the stage that set a credential-like
# variable to a known value; global ARGs (before the first FROM) are reported once, on the
# first stage.
credential_entries contains {"kind": "ENV", "entry": e} if {
	some e in input.resource.env
	credential(e.name, object.get(e, "value", ""))
}

credential_entries contains {"kind": "ARG", "entry": e} if {
	some e in input.resource.args
	credential(e.name, object.get(e, "default", ""))
}

credential_entries contains {"kind": "ARG", "entry": e} if {
	input.resource.index == 0
	some e in input.resource.meta_args
	credential(e.name, object.get(e, "default", ""))
}

# METADATA
# title: Dockerfile sets a credential in ENV or ARG
# description: |
#   An ENV or ARG instruction gives a variable named like a credential (secret, password,
#   token, API key, private or access key) a literal value. ENV values are baked into the image
#   config, readable by anyone who can pull it; ARG defaults stay in the Dockerfile and the
#   build history. Values built from an ARG without a default (passed at build time) are not
#   reported. Only the variable's name is reported, never its value.
# related_resources:
# - https://docs.docker.com/build/building/secrets/
# - https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-DOCKER-002
#   severity: high
#   category: access
#   remediation: Remove the value from the Dockerfile; mount build secrets with `RUN --mount=type=secret,id=...` and pass run-time secrets through the orchestrator. Rotate the exposed credential.
deny contains finding if {
	input.type == "dockerfile_stage"
	some c in credential_entries
	msg := sprintf("stage %q sets credential-like %s %q to a literal value", [input.name, c.kind, c.entry.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(c.entry), msg)
}

# METADATA
# title: Dockerfile ADDs a remote URL without a checksum
# description: |
#   ADD downloads an http(s) or git source at build time and trusts whatever the server
#   returns: a compromised or changed upstream silently changes the image. ADD with
#   --checksum is verified and not reported.
# related_resources:
# - https://docs.docker.com/reference/dockerfile/#add
# - https://docs.docker.com/build/building/best-practices/#add-or-copy
# custom:
#   id: TG-DOCKER-003
#   severity: medium
#   category: access
#   remediation: Pin the download with `ADD --checksum=sha256:...`, or fetch it in a RUN step that verifies a checksum (curl ... && sha256sum -c), or COPY a vendored file.
deny contains finding if {
	input.type == "dockerfile_stage"
	some ins in input.resource.instructions
	ins.cmd == "add"
	not has_checksum(ins)
	some src in ins.sources
	remote(src)
	msg := sprintf("stage %q ADDs remote source %q without --checksum", [input.name, redact_url(src)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ins), msg)
}

remote(src) if regex.match(`^(?i)(https?|git)://`, src)

remote(src) if startswith(src, "git@")

has_checksum(ins) if {
	some f in ins.flags
	startswith(f, "--checksum=")
}

# redact_url drops credentials, the query and the fragment of a URL before it is printed.
redact_url(u) := regex.replace(regex.replace(u, `[?#].*$`, ""), `://[^/@]*@`, "://")

# port_number(x) is an EXPOSE argument as a port number: "22" and "22/tcp" are 22. Ranges
# and variables are not ports.
port_number(x) := to_number(m[0][1]) if {
	is_string(x)
	m := regex.find_all_string_submatch_n(`^([0-9]{1,5})(/[a-zA-Z]+)?$`, x, 1)
	count(m) == 1
}

admin_ports := {n |
	some x in lib.param("admin_ports")
	n := admin_port(x)
}

admin_port(x) := x if is_number(x)

admin_port(x) := port_number(x) if is_string(x)

# METADATA
# title: Dockerfile exposes an administrative port
# description: |
#   An EXPOSE instruction declares a port listed in the admin_ports parameter (22 for SSH and
#   3389 for RDP by default): the image is meant to run a remote login service, a target for
#   password guessing and a way into the container that bypasses the orchestrator's
#   authenticated and audited exec.
# related_resources:
# - https://docs.docker.com/reference/dockerfile/#expose
# - https://docs.docker.com/build/building/best-practices/
# custom:
#   id: TG-DOCKER-010
#   severity: medium
#   category: access
#   remediation: Remove the EXPOSE instruction and the SSH or RDP server behind it; open a shell with docker exec or kubectl exec, which are authenticated and audited.
#   frameworks:
#     nist-800-53: ["CM-7", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["2.2.4"]
deny contains finding if {
	input.type == "dockerfile_stage"
	some ins in input.resource.instructions
	ins.cmd == "expose"
	some p in ins.args
	port_number(p) in admin_ports
	msg := sprintf("stage %q exposes administrative port %s", [input.name, p])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ins), msg)
}

# Kernel and boot file systems of the container.
system_dirs := {"/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"}

# METADATA
# title: Dockerfile WORKDIR is inside a system directory
# description: |
#   WORKDIR points into /proc, /sys, /dev, /boot, /initrd or /lost+found. The build then
#   creates or writes files among the kernel's and the boot loader's, and the container's
#   processes start there: either the build breaks at run time, or the image expects to
#   touch host-backed pseudo file systems it has no business writing to. Paths given through
#   a variable are not reported.
# related_resources:
# - https://docs.docker.com/reference/dockerfile/#workdir
# - https://refspecs.linuxfoundation.org/FHS_3.0/fhs/index.html
# custom:
#   id: TG-DOCKER-011
#   severity: low
#   category: access
#   remediation: Use an application directory such as /app, /srv/NAME or /opt/NAME as WORKDIR.
#   frameworks:
#     nist-800-53: ["CM-7"]
#     soc2: ["CC6.8"]
deny contains finding if {
	input.type == "dockerfile_stage"
	some ins in input.resource.instructions
	ins.cmd == "workdir"
	dir := trim(ins.args[0], `"'`)
	not contains(dir, "$")
	clean := trim_right(dir, "/")
	some sys in system_dirs
	under(clean, sys)
	msg := sprintf("stage %q sets WORKDIR %q, inside system directory %s", [input.name, dir, sys])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ins), msg)
}

under(p, dir) if p == dir

under(p, dir) if startswith(p, concat("", [dir, "/"]))
