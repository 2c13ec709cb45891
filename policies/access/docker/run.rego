package tollgate.access.docker.run

import data.tollgate.lib
import rego.v1

# Reading RUN instructions. A RUN's shell text is its command line (the words of the JSON
# form joined with spaces) and the bodies of its heredocs. The text is cut into simple
# commands at &&, ||, ;, |, &, parentheses and new lines; each command is a list of words
# with their quotes removed. Variables are not expanded: a flag hidden in $FLAGS is unknown
# and never reported.

# run_texts(ins) are the shell texts of a RUN instruction.
run_texts(ins) := {t |
	some t in array.concat(
		[concat(" ", [a | some a in ins.args; is_string(a)])],
		[h.content | some h in object.get(ins, "heredocs", []); is_string(h.content)],
	)
}

# runs are the RUN instructions of the stage.
runs contains ins if {
	some ins in input.resource.instructions
	ins.cmd == "run"
}

# commands(text) are the simple commands of a shell text, each a list of unquoted words.
commands(text) := {ws |
	joined := regex.replace(text, `\\\r?\n`, " ")
	some seg in regex.split(`&&|\|\||[;|&\n()]`, joined)
	ws := [w |
		some raw in regex.split(`\s+`, trim_space(seg))
		w := trim(raw, `"'`)
		w != ""
	]
	count(ws) > 0
}

# run_commands(ins) are the simple commands of every shell text of a RUN instruction.
run_commands(ins) := {ws |
	some t in run_texts(ins)
	some ws in commands(t)
}

# Words that may precede the program of a command: variable assignments, shell keywords
# and wrappers that run the rest of the line.
prefix_word(w) if regex.match(`^[A-Za-z_][A-Za-z0-9_]*=`, w)

prefix_word(w) if w in {"then", "do", "else", "exec", "env", "nohup", "time", "command", "!", "{"}

# program(ws, pattern) holds when the program of command ws (its first word after the
# prefix words) matches pattern; a path is stripped (/usr/bin/sudo is sudo).
program(ws, pattern) if regex.match(pattern, base(ws[0]))

program(ws, pattern) if {
	some i, w in ws
	i > 0
	regex.match(pattern, base(w))
	every k in numbers.range(0, i - 1) {
		prefix_word(ws[k])
	}
}

base(w) := regex.replace(w, `^.*/`, "")

# invoked_with(ws, tool, flag) holds when command ws runs a program matching tool (anywhere
# in the command, so that sudo, xargs or a shell wrapper in front does not hide it) and a
# later word matches flag.
invoked_with(ws, tool, flag) if {
	some i, w in ws
	regex.match(tool, base(w))
	some j, f in ws
	j > i
	regex.match(flag, f)
}

# METADATA
# title: Dockerfile RUN uses sudo
# description: |
#   A RUN instruction runs a command through sudo. Build steps already run as the stage's
#   USER; sudo in a Dockerfile means the image ships sudo and a user allowed to use it, so a
#   process that gets into the container can become root, or it hides that the step runs as
#   root. Installing the sudo package (apt-get install sudo) is not reported by this rule.
# related_resources:
# - https://docs.docker.com/build/building/best-practices/#user
# - https://docs.docker.com/reference/dockerfile/#user
# custom:
#   id: TG-DOCKER-005
#   severity: medium
#   category: access
#   remediation: Switch users with USER around the steps that need root (USER root ... USER app) instead of sudo, and do not install sudo in the final image; use gosu or su-exec in an entrypoint that must drop privileges.
#   frameworks:
#     cis-docker-1.6: ["4.1"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["2.2.6"]
deny contains finding if {
	input.type == "dockerfile_stage"
	some ins in runs
	some ws in run_commands(ins)
	program(ws, `^sudo$`)
	msg := sprintf("stage %q runs a command with sudo", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ins), msg)
}

# unverified_packages are the RUN instructions (ins) that turn off the signature checks of
# a package manager, and how (how).
unverified_packages contains {"ins": ins, "how": "apk --allow-untrusted"} if {
	some ins in runs
	some ws in run_commands(ins)
	invoked_with(ws, `^apk$`, `^--allow-untrusted$`)
}

unverified_packages contains {"ins": ins, "how": sprintf("apt-get %s", [flag])} if {
	some ins in runs
	some ws in run_commands(ins)
	some flag in ["--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"]
	invoked_with(ws, `^(apt-get|apt|aptitude)$`, sprintf("^%s$", [flag]))
}

unverified_packages contains {"ins": ins, "how": "an apt option allowing unauthenticated packages"} if {
	some ins in runs
	some t in run_texts(ins)
	regex.match(`(?i)(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)["']?(\s*=\s*|\s+)["']?(true|yes|1)\b`, t)
}

unverified_packages contains {"ins": ins, "how": "an apt source marked [trusted=yes]"} if {
	some ins in runs
	some t in run_texts(ins)
	regex.match(`\[[^\]]*\btrusted=yes\b[^\]]*\]`, t)
}

unverified_packages contains {"ins": ins, "how": sprintf("%s --nogpgcheck", [tool])} if {
	some ins in runs
	some ws in run_commands(ins)
	some i, w in ws
	tool := base(w)
	regex.match(`^(yum|dnf|tdnf|microdnf)$`, tool)
	some j, f in ws
	j > i
	f == "--nogpgcheck"
}

unverified_packages contains {"ins": ins, "how": "zypper --no-gpg-checks"} if {
	some ins in runs
	some ws in run_commands(ins)
	invoked_with(ws, `^zypper$`, `^--no-gpg-checks$`)
}

unverified_packages contains {"ins": ins, "how": sprintf("rpm %s", [f])} if {
	some ins in runs
	some ws in run_commands(ins)
	some i, w in ws
	base(w) == "rpm"
	some j, f in ws
	j > i
	f in {"--nosignature", "--nodigest", "--nofiledigest", "--noverify"}
}

unverified_packages contains {"ins": ins, "how": "a yum/dnf repository with gpgcheck off"} if {
	some ins in runs
	some t in run_texts(ins)
	regex.match(`(?i)(^|[^a-z_]|\\n)gpgcheck["']?\s*=\s*["']?(0|false|no|off)\b`, t)
}

# METADATA
# title: Dockerfile RUN installs packages without verifying their signatures
# description: |
#   A RUN instruction turns off a package manager's signature or digest checks: apk
#   --allow-untrusted, apt-get --allow-unauthenticated, --force-yes or
#   --allow-insecure-repositories (or the equivalent APT options, or a `[trusted=yes]`
#   source), yum/dnf/tdnf/microdnf --nogpgcheck or gpgcheck=0, zypper --no-gpg-checks, rpm
#   --nosignature, --nodigest, --nofiledigest or --noverify. A tampered mirror or anyone on
#   the network path can then put their code in the image, where it runs as root at build
#   time.
# related_resources:
# - https://wiki.debian.org/SecureApt
# - https://man7.org/linux/man-pages/man8/apt-get.8.html
# - https://dnf.readthedocs.io/en/latest/command_ref.html
# custom:
#   id: TG-DOCKER-006
#   severity: high
#   category: access
#   remediation: Remove the option and import the repository's signing key instead (apt signed-by keyring, rpm --import, apk add of the key to /etc/apk/keys), or COPY a package you verified by checksum.
#   frameworks:
#     nist-800-53: ["SI-7", "SR-11"]
#     soc2: ["CC7.1"]
#     pci-dss-4.0: ["6.3.2"]
deny contains finding if {
	input.type == "dockerfile_stage"
	some u in unverified_packages
	ins := u.ins
	how := u.how
	msg := sprintf("stage %q installs packages without verifying their signatures (%s)", [input.name, how])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ins), msg)
}

# password_commands(ws) describes a command that sets or removes an account password.
password_commands(ws) := "chpasswd" if {
	program(ws, `^chpasswd$`)
} else := "passwd --stdin" if {
	program(ws, `^passwd$`)
	"--stdin" in ws
} else := "passwd --delete" if {
	program(ws, `^passwd$`)
	some w in ws
	w in {"-d", "--delete"}
} else := "useradd/usermod --password" if {
	program(ws, `^(useradd|usermod)$`)
	some p in ws
	regex.match(`^(-p|--password(=.*)?)$`, p)
}

# METADATA
# title: Dockerfile RUN sets or removes an account password
# description: |
#   A RUN instruction sets an account's password (chpasswd, passwd --stdin, useradd or
#   usermod -p) or removes it (passwd -d). The password, or its hash, is written in the
#   Dockerfile and the image's build history, identical in every container started from the
#   image; a removed password lets anyone log in. The command is not shown in the finding.
# related_resources:
# - https://man7.org/linux/man-pages/man8/chpasswd.8.html
# - https://docs.docker.com/build/building/secrets/
# custom:
#   id: TG-DOCKER-007
#   severity: high
#   category: access
#   remediation: Do not give image accounts passwords; authenticate to the service with keys or tokens provided at run time, and lock accounts (passwd -l, or usermod -L) if a login is not needed.
#   frameworks:
#     cis-docker-1.6: ["4.10"]
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type == "dockerfile_stage"
	some ins in runs
	some ws in run_commands(ins)
	how := password_commands(ws)
	msg := sprintf("stage %q sets or removes an account password in RUN (%s)", [input.name, how])
	finding := lib.finding(rego.metadata.rule(), lib.loc(ins), msg)
}
