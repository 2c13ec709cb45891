package tollgate.access.image.exposure

import data.tollgate.access.image.config as image_config
import data.tollgate.lib
import rego.v1

# port_number(x) is x as a port number: 22, "22" and "22/tcp" are 22.
port_number(x) := x if is_number(x)

port_number(x) := to_number(m[0][1]) if {
	is_string(x)
	m := regex.find_all_string_submatch_n(`^([0-9]{1,5})(/[a-z]+)?$`, x, 1)
	count(m) == 1
}

admin_ports := {n | some x in lib.param("admin_ports"); n := port_number(x)}

# METADATA
# title: Image exposes an administrative port
# description: |
#   The image config exposes (EXPOSE) a port listed in the admin_ports parameter (22 for SSH
#   and 3389 for RDP by default): the image is built to run a remote administration service,
#   an entry point for password guessing and a way around the orchestrator's access
#   controls and audit trail.
# related_resources:
# - https://docs.docker.com/reference/dockerfile/#expose
# - https://docs.docker.com/build/building/best-practices/
# custom:
#   id: TG-IMG-003
#   severity: medium
#   category: access
#   provider: image
#   remediation: Remove the EXPOSE instruction and the service behind it; debug containers with kubectl exec or docker exec, which are authenticated and audited.
#   frameworks:
#     nist-800-53: ["CM-7", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["2.2.4"]
deny contains finding if {
	input.type == "container_image"
	config := input.resource.config
	some p in config.exposed_ports
	port_number(p) in admin_ports
	msg := sprintf("image %q exposes administrative port %v", [input.name, p])
	finding := lib.finding(rego.metadata.rule(), lib.loc(config), msg)
}

# OS packages that provide a remote login service or a way to become root.
remote_access_packages := {
	"openssh-server": "an SSH server",
	"dropbear": "an SSH server",
	"dropbear-bin": "an SSH server",
	"tinysshd": "an SSH server",
	"telnetd": "a telnet server",
	"inetutils-telnetd": "a telnet server",
	"telnet-server": "a telnet server",
	"xrdp": "an RDP server",
	"x11vnc": "a VNC server",
	"tigervnc-server": "a VNC server",
	"tightvncserver": "a VNC server",
	"sudo": "sudo",
	"doas": "doas",
}

os_package_types := {"deb", "apk", "rpm", "alpm"}

# METADATA
# title: Image installs a remote access or privilege tool
# description: |
#   The image contains an OS package that provides a remote login service (an SSH, telnet,
#   RDP or VNC server) or a way to become root (sudo, doas). Containers are not meant to be
#   logged into or administered from inside: these packages widen the attack surface and
#   turn a compromise of the application user into root.
# related_resources:
# - https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages
# - https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: TG-IMG-004
#   severity: medium
#   category: access
#   provider: image
#   remediation: Remove the package from the image (use a minimal or distroless base, and a multi-stage build for tools only needed at build time).
#   frameworks:
#     cis-docker-1.6: ["4.3"]
#     nist-800-53: ["CM-7"]
#     soc2: ["CC6.8"]
#     pci-dss-4.0: ["2.2.4"]
deny contains finding if {
	input.type == "container_image"
	some pkg in input.resource.packages
	pkg.type in os_package_types
	what := remote_access_packages[pkg.name]
	msg := sprintf("image %q installs %s (package %s %s)", [input.name, what, pkg.name, object.get(pkg, "version", "")])
	finding := lib.finding(rego.metadata.rule(), lib.loc(pkg), msg)
}

# A URL with a user name and a password before the host: scheme://user:password@host.
url_credentials := `(?i)[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@`

# METADATA
# title: Image config embeds credentials in a URL
# description: |
#   An environment variable of the image config holds a URL with a user name and password
#   (scheme://user:password@host), typically a proxy (http_proxy, HTTPS_PROXY), a database
#   or a package repository URL. Anyone who can pull the image can read it with docker
#   inspect. Variables named like a credential are reported by TG-IMG-002 instead; the value
#   is never printed.
# related_resources:
# - https://docs.docker.com/build/building/secrets/
# - https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-IMG-005
#   severity: high
#   category: access
#   provider: image
#   remediation: Remove the credentials from the ENV instruction; pass the URL at run time (orchestrator secrets) or, for build steps, with RUN --mount=type=secret. Rotate the exposed credential.
#   frameworks:
#     cis-docker-1.6: ["4.10"]
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.6.2"]
deny contains finding if {
	input.type == "container_image"
	config := input.resource.config
	some e in config.env
	is_string(e.name)
	not regex.match(image_config.secret_name, e.name)
	is_string(e.value)
	regex.match(url_credentials, e.value)
	msg := sprintf("image %q embeds credentials in the URL of environment variable %q", [input.name, e.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(config), msg)
}
