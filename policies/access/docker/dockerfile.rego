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

# Variables that name a file holding credentials (its path is no secret).
credential_file_variables := {"GOOGLE_APPLICATION_CREDENTIALS", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "HF_TOKEN_PATH"}

credential(name, value) if {
	is_string(name)
	regex.match(secret_name, name)
	not regex.match(reference_name, name)
	not upper(name) in credential_file_variables
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

# build_credential_name(name) holds for a variable named like a credential: the names
# TG-DOCKER-002 reports, and names with a KEY, AUTH, PSW or PWORD word (SSH_KEY, NPM_AUTH)
# that do not hold a public key; names describing a setting about the credential
# (TOKEN_URL, PASSWORD_MIN_LENGTH) are not credentials.
build_credential_name(name) if {
	credential_like(name)
	not regex.match(reference_name, name)
	not upper(name) in credential_file_variables
	not setting_name(name)
}

setting_name(name) if {
	regex.match(`(?i)_(url|uri|endpoint|enabled|type|ids?|name|method|mode|header|host|port|length|version|policy|days|ttl|count|min|max)$`, name)

	# An access key id is half of a key pair: kept secret.
	not regex.match(`(?i)access_?key`, name)
}

credential_like(name) if {
	is_string(name)
	regex.match(secret_name, name)
}

credential_like(name) if {
	is_string(name)
	regex.match(`(?i)(^|_)(key|auth|psw|pword)(_|$)`, name)
	not regex.match(`(?i)(^|_)(public|pub|gpg)(_|$)`, name)
}

# Commands that store a credential given on their command line in the image.
credential_commands := {
	"aws configure set": `(^|\s)aws\s+configure\s+set\s+(aws_access_key_id|aws_secret_access_key|aws_session_token)\b`,
	"gcloud auth activate-service-account": `(^|\s)gcloud\s+auth\s+activate-service-account\b`,
	"az login with a secret": `(^|\s)az\s+login\b[^;&|\n]*\s(-p|--password|--federated-token)(\s|=)`,
	"doctl auth init with a token": `(^|\s)doctl\s+auth\s+init\b[^;&|\n]*\s(-t|--access-token)(\s|=)`,
}

build_secret_uses contains {"loc": lib.loc(e), "what": sprintf("takes credential-like build argument %q from --build-arg (recorded in the image history)", [e.name])} if {
	some e in input.resource.args
	build_credential_name(e.name)
	object.get(e, "default", "") == ""
	not lib.unknown(e, "default")
}

build_secret_uses contains {"loc": lib.loc(e), "what": sprintf("stores credential-like ENV %q, set from the build, in the image config", [e.name])} if {
	some e in input.resource.env
	build_credential_name(e.name)
	lib.unknown(e, "value")
}

build_secret_uses contains {"loc": lib.loc(ins), "what": sprintf("copies the credential file named by %s into the image", [name])} if {
	some ins in input.resource.instructions
	ins.cmd in {"copy", "add"}
	not copied_from_stage(ins)
	some name in credential_file_variables
	credential_file_target(ins.dest, name)
}

build_secret_uses contains {"loc": lib.loc(ins), "what": sprintf("runs %s without a secret mount, leaving the credential in the image", [cmd])} if {
	some ins in input.resource.instructions
	ins.cmd == "run"
	not secret_mount(ins)
	some cmd, pattern in credential_commands
	some t in run_texts(ins)
	regex.match(pattern, t)
}

copied_from_stage(ins) if {
	some f in ins.flags
	startswith(f, "--from=")
}

secret_mount(ins) if {
	some f in ins.flags
	startswith(f, "--mount=")
	contains(f, "type=secret")
}

run_texts(ins) := {t |
	some t in array.concat(
		[concat(" ", [a | some a in ins.args; is_string(a)])],
		[h.content | some h in object.get(ins, "heredocs", []); is_string(h.content)],
	)
}

# credential_file_target(dest, name) holds when a COPY destination is the file the variable
# name points at: the variable itself ($NAME, ${NAME}), or the path it is set to by ENV or
# ARG, or a directory holding it.
credential_file_target(dest, name) if {
	is_string(dest)
	dest in {concat("", ["$", name]), concat("", ["${", name, "}"])}
}

credential_file_target(dest, name) if {
	is_string(dest)
	some p in credential_file_paths[name]
	inside(p, dest)
}

credential_file_paths[name] contains p if {
	some e in array.concat(input.resource.env, input.resource.args)
	name := e.name
	name in credential_file_variables
	p := object.get(e, "value", object.get(e, "default", ""))
	startswith(p, "/")
}

inside(p, dest) if p == dest

inside(p, dest) if {
	endswith(dest, "/")
	startswith(p, dest)
}

inside(p, dest) if startswith(p, concat("", [dest, "/"]))

# METADATA
# title: Dockerfile passes a credential through the build into the image
# description: |
#   The final stage handles a credential in a way that leaves it in the image or its history,
#   whatever its value: an ARG named like a credential whose value comes from --build-arg
#   (recorded in the history of every RUN after it and in build provenance), an ENV named
#   like a credential set from the build (stored in the image config), a COPY or ADD of the
#   file that GOOGLE_APPLICATION_CREDENTIALS, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE or
#   HF_TOKEN_PATH points at, or a RUN that logs a cloud CLI in (aws configure set,
#   gcloud auth activate-service-account, az login -p, doctl auth init -t) without a secret
#   mount. Credentials written literally in ENV or ARG are TG-DOCKER-002's. Only the final
#   stage is checked: what a builder stage holds reaches the image only through COPY --from.
# related_resources:
# - https://docs.docker.com/build/building/secrets/
# - https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
# custom:
#   id: TG-DOCKER-012
#   severity: high
#   category: access
#   remediation: Mount credentials only for the step that needs them with `RUN --mount=type=secret,id=NAME` (docker build --secret id=NAME,...), do it in a builder stage, and provide run-time credentials through the orchestrator or workload identity.
#   frameworks:
#     cis-docker-1.6: ["4.10"]
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.6.2"]
deny contains finding if {
	input.type == "dockerfile_stage"
	input.resource.is_final == true
	some u in build_secret_uses
	msg := sprintf("final stage %q %s", [input.name, u.what])
	finding := lib.finding(rego.metadata.rule(), u.loc, msg)
}
