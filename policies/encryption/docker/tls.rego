package tollgate.encryption.docker.tls

import data.tollgate.access.docker.run
import data.tollgate.lib
import rego.v1

# insecure_tls(name, value) holds for an environment variable that turns off TLS
# certificate verification in a common runtime or tool. Names are upper-cased.
insecure_tls("NODE_TLS_REJECT_UNAUTHORIZED", value) if trim_space(value) == "0"

insecure_tls("PYTHONHTTPSVERIFY", value) if trim_space(value) == "0"

insecure_tls("NPM_CONFIG_STRICT_SSL", value) if lower(trim_space(value)) == "false"

# Git stops verifying as soon as the variable is set, whatever its value.
insecure_tls("GIT_SSL_NO_VERIFY", _)

insecure_tls("PIP_TRUSTED_HOST", value) if trim_space(value) != ""

# insecure_commands are the RUN instructions (ins) that turn off certificate verification, and how.
insecure_commands contains {"ins": ins, "how": "curl --insecure"} if {
	some ins in run.runs
	some ws in run.run_commands(ins)
	run.invoked_with(ws, `^curl$`, `^(--insecure|-[a-zA-Z0-9]*k[a-zA-Z0-9]*)$`)
}

insecure_commands contains {"ins": ins, "how": "wget --no-check-certificate"} if {
	some ins in run.runs
	some ws in run.run_commands(ins)
	run.invoked_with(ws, `^wget$`, `^--(no-check-certificate|check-certificate=(off|no|quiet))$`)
}

insecure_commands contains {"ins": ins, "how": "pip --trusted-host"} if {
	some ins in run.runs
	some ws in run.run_commands(ins)
	run.invoked_with(ws, `^pip[0-9.]*$`, `^(--trusted-host(=.*)?|(global|install)\.trusted-host(=.*)?)$`)
}

insecure_commands contains {"ins": ins, "how": "npm/yarn strict-ssl false"} if {
	some ins in run.runs
	some t in run.run_texts(ins)
	regex.match(`(^|[\s/])(npm|yarn|pnpm)\s[^;&|\n]*(strict-ssl|strict_ssl|enableStrictSsl)["']?(\s+|=)["']?false\b`, t)
}

insecure_commands contains {"ins": ins, "how": "git http.sslVerify false"} if {
	some ins in run.runs
	some t in run.run_texts(ins)
	regex.match(`(?i)(^|[\s/])git\s[^;&|\n]*http\.(\S+\.)?sslverify["']?(\s+|=)["']?(false|no|off|0)\b`, t)
}

insecure_commands contains {"ins": ins, "how": "yum/dnf sslverify off"} if {
	some ins in run.runs
	some t in run.run_texts(ins)
	regex.match(`(?i)(^|[\s/])(yum|dnf|tdnf|microdnf)(\s|-config-manager)[^;&|\n]*--setopt=["']?([^=\s]+\.)?sslverify["']?=["']?(0|false|no|off)\b`, t)
}

insecure_commands contains {"ins": ins, "how": sprintf("%s=%s", [name, value])} if {
	some ins in run.runs
	some ws in run.run_commands(ins)
	some w in ws
	m := regex.find_all_string_submatch_n(`^([A-Za-z_][A-Za-z0-9_]*)=(.*)$`, w, 1)
	count(m) == 1
	name := m[0][1]
	value := trim(m[0][2], `"'`)
	insecure_tls(upper(name), value)
}

# METADATA
# title: Dockerfile RUN turns off TLS certificate verification
# description: |
#   A RUN instruction downloads or installs over TLS without checking the server's
#   certificate: curl -k/--insecure, wget --no-check-certificate, pip --trusted-host, npm or
#   yarn strict-ssl false, git http.sslVerify false, yum/dnf --setopt=sslverify=0, or a
#   command run with NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0,
#   NPM_CONFIG_STRICT_SSL=false, GIT_SSL_NO_VERIFY or PIP_TRUSTED_HOST set. Anyone on the
#   network path of the build can serve their own content, and it ends up in the image.
# related_resources:
# - https://curl.se/docs/sslcerts.html
# - https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host
# - https://docs.npmjs.com/cli/v10/using-npm/config#strict-ssl
# custom:
#   id: TG-DOCKER-008
#   severity: high
#   category: encryption
#   remediation: Remove the option; if the server uses an internal certificate authority, COPY its certificate into the trust store (update-ca-certificates) or point the tool at it (curl --cacert, pip --cert, npm cafile, NODE_EXTRA_CA_CERTS), and verify downloads by checksum.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-23"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "dockerfile_stage"
	some u in insecure_commands
	ins := u.ins
	how := u.how
	msg := sprintf("stage %q turns off TLS certificate verification in RUN (%s)", [input.name, how])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ins), msg)
}

# insecure_variables are the ENV and ARG entries of the stage that turn off certificate
# verification; global ARGs (before the first FROM) are reported once, on the first stage.
insecure_variables contains {"kind": "ENV", "entry": e, "value": e.value} if {
	some e in input.resource.env
	is_string(e.name)
	is_string(e.value)
	insecure_tls(upper(e.name), e.value)
}

insecure_variables contains {"kind": "ARG", "entry": e, "value": e["default"]} if {
	some e in input.resource.args
	is_string(e.name)
	is_string(e["default"])
	insecure_tls(upper(e.name), e["default"])
}

insecure_variables contains {"kind": "ARG", "entry": e, "value": e["default"]} if {
	input.resource.index == 0
	some e in input.resource.meta_args
	is_string(e.name)
	is_string(e["default"])
	insecure_tls(upper(e.name), e["default"])
}

# METADATA
# title: Dockerfile ENV or ARG turns off TLS certificate verification
# description: |
#   An ENV or ARG instruction sets a variable that makes a runtime or tool skip TLS
#   certificate checks: NODE_TLS_REJECT_UNAUTHORIZED=0 (Node.js), PYTHONHTTPSVERIFY=0
#   (Python), NPM_CONFIG_STRICT_SSL=false (npm), GIT_SSL_NO_VERIFY (git, any value) or
#   PIP_TRUSTED_HOST (pip). An ARG affects every later RUN of the build; an ENV also stays in
#   the image, so the application's own HTTPS connections can be intercepted at run time.
#   Values that come from a build argument without a default are unknown and not reported.
# related_resources:
# - https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue
# - https://git-scm.com/docs/git#Documentation/git.txt-codeGITSSLNOVERIFYcode
# - https://peps.python.org/pep-0476/
# custom:
#   id: TG-DOCKER-009
#   severity: high
#   category: encryption
#   remediation: Remove the variable; to trust an internal certificate authority, add it to the image's trust store or name it in NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE or pip's cert setting.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-23"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "dockerfile_stage"
	some v in insecure_variables
	msg := sprintf("stage %q turns off TLS certificate verification with %s %s=%s", [input.name, v.kind, v.entry.name, v.value])
	finding := lib.finding(rego.metadata.rule(), lib.loc(v.entry), msg)
}
