package tollgate.access.image.contents

import data.tollgate.lib
import rego.v1

# OS package types: a "gcc" on PyPI is not a compiler.
os_package_types := {"deb", "apk", "rpm"}

os_packages contains p if {
	input.type == "container_image"
	some p in input.resource.packages
	p.type in os_package_types
}

ssh_servers := {"openssh-server", "dropbear", "dropbear-bin", "tinysshd"}

# METADATA
# title: Image carries an SSH server
# description: |
#   An SSH server package (openssh-server, dropbear, tinysshd) is installed in the image. A
#   container is entered with docker exec or kubectl exec, which are authenticated and audited
#   by the orchestrator; an SSH daemon is a second, unaudited way in, with its own keys and
#   passwords to leak and its own vulnerabilities, and usually means the container runs an init
#   system beside the application.
# related_resources:
# - https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages
# - https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/
# custom:
#   id: TG-IMG-009
#   severity: high
#   category: access
#   provider: image
#   frameworks:
#     cis-docker-1.6: ["4.3"]
#     nist-800-53: ["CM-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["2.2.4"]
#   remediation: Remove the SSH server from the image (apt-get purge openssh-server, apk del openssh-server) and debug with kubectl exec or docker exec, or an ephemeral debug container.
deny contains finding if {
	input.type == "container_image"
	some p in os_packages
	p.name in ssh_servers
	msg := sprintf("image %q carries the SSH server package %s %s", [input.name, p.name, p.version])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}

# Compiler toolchains, by package name (gcc-12, clang-16 too).
compiler(name) if name in {"gcc", "g++", "gcc-c++", "clang", "build-essential", "tcc"}

compiler(name) if regex.match(`^(gcc|g\+\+|clang|cpp)-[0-9][0-9.]*$`, name)

# METADATA
# title: Image carries a compiler toolchain
# description: |
#   A C/C++ compiler (gcc, g++, clang, build-essential) is installed in the image. A runtime
#   image needs the program, not the tools that built it: a compiler lets an attacker who gets
#   code execution build exploits and implants inside the container, and adds hundreds of
#   megabytes of packages to patch. Build in one stage and copy the result into a slim final
#   stage.
# related_resources:
# - https://docs.docker.com/build/building/multi-stage/
# - https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages
# custom:
#   id: TG-IMG-010
#   severity: medium
#   category: access
#   provider: image
#   frameworks:
#     cis-docker-1.6: ["4.3"]
#     nist-800-53: ["CM-7"]
#   remediation: Use a multi-stage build - compile in a builder stage and COPY --from=builder only the artifacts into a runtime stage without the toolchain.
deny contains finding if {
	input.type == "container_image"
	some p in os_packages
	compiler(p.name)
	msg := sprintf("image %q carries the compiler package %s %s", [input.name, p.name, p.version])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}

package_managers := {"apt", "dpkg", "apk-tools", "yum", "dnf", "microdnf", "rpm", "zypper", "tdnf"}

# METADATA
# title: Shell-less image carries a package manager
# description: |
#   The image has no shell (no /bin/sh, bash, ash or busybox), the mark of a distroless-style
#   image built to hold only the application, yet a package manager (apt, dpkg, apk-tools, yum,
#   dnf, microdnf, rpm, zypper) was left in it. The package manager lets whoever gets into the
#   container install tools, and says the minimal base was not what shipped.
# related_resources:
# - https://github.com/GoogleContainerTools/distroless
# custom:
#   id: TG-IMG-011
#   severity: low
#   category: access
#   provider: image
#   frameworks:
#     cis-docker-1.6: ["4.3"]
#     nist-800-53: ["CM-7"]
#   remediation: Build the final stage FROM a distroless or scratch base and copy the application in, instead of removing the shell from a full distribution image.
deny contains finding if {
	input.type == "container_image"
	files := input.resource.files
	files.read == true
	count(files.shells) == 0
	some p in os_packages
	p.name in package_managers
	msg := sprintf("image %q has no shell but carries the package manager %s %s", [input.name, p.name, p.version])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}

# The setuid and setgid programs of a standard distribution base that log
# users in or change their own password (Debian, Ubuntu, Alpine, UBI).
setid_allowed := {
	"/usr/bin/passwd", "/usr/bin/chfn", "/usr/bin/chsh", "/usr/bin/gpasswd", "/usr/bin/newgrp",
	"/usr/bin/su", "/bin/su", "/usr/bin/mount", "/bin/mount", "/usr/bin/umount", "/bin/umount",
	"/usr/bin/chage", "/usr/bin/expiry", "/usr/sbin/unix_chkpwd", "/sbin/unix_chkpwd",
	"/usr/sbin/pam_timestamp_check", "/usr/bin/bbsuid",
}

setid_kinds := {
	"true,true": "setuid and setgid",
	"true,false": "setuid",
	"false,true": "setgid",
}

setid_kind(f) := setid_kinds[sprintf("%v,%v", [f.setuid, f.setgid])]

# METADATA
# title: Image holds setuid or setgid programs
# description: |
#   A file in the image has the setuid or setgid bit, outside the short list of a base
#   distribution's password and login tools. Such a program runs with its owner's (usually
#   root's) rights whoever starts it: any flaw in it is a privilege escalation from the
#   application's user to root inside the container. Few applications need one.
# related_resources:
# - https://docs.docker.com/build/building/best-practices/
# - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: TG-IMG-012
#   severity: medium
#   category: access
#   provider: image
#   frameworks:
#     cis-docker-1.6: ["4.8"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.1"]
#   remediation: Remove the bits in the Dockerfile (RUN chmod u-s,g-s FILE, or find / -perm /6000 -type f -exec chmod a-s {} +), and run the container with allowPrivilegeEscalation false (no_new_privs).
deny contains finding if {
	input.type == "container_image"
	some f in input.resource.files.notable
	f.type == "file"
	kind := setid_kind(f)
	not f.path in setid_allowed
	msg := sprintf("image %q holds %s file %s (mode %s, layer %d)", [input.name, kind, f.path, f.mode, f.layer])
	finding := lib.finding(rego.metadata.rule(), lib.loc(f), msg)
}

# Scratch space where world-writable files are the rule.
temp_dirs := {"/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock"}

in_temp_dir(path) if {
	some d in temp_dirs
	startswith(path, concat("", [d, "/"]))
}

# METADATA
# title: Image holds world-writable files
# description: |
#   A file, or a directory without the sticky bit, outside the temporary directories (/tmp,
#   /var/tmp, /dev/shm) is writable by every user. Any process in the container, whatever its
#   user, can then replace a program, a library or a configuration another, more privileged,
#   process runs or reads; a world-writable directory without the sticky bit also lets anyone
#   delete or rename what others put in it.
# related_resources:
# - https://cwe.mitre.org/data/definitions/732.html
# custom:
#   id: TG-IMG-013
#   severity: medium
#   category: access
#   provider: image
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#   remediation: Fix the mode in the Dockerfile (COPY --chmod=644, RUN chmod o-w PATH) and give the application's user ownership of what it must write instead; use the sticky bit (chmod 1777) for a shared scratch directory.
deny contains finding if {
	input.type == "container_image"
	some f in input.resource.files.notable
	f.world_writable == true
	not f.path in temp_dirs
	not in_temp_dir(f.path)
	msg := sprintf("image %q holds world-writable %s %s (mode %s, layer %d)", [input.name, f.type, f.path, f.mode, f.layer])
	finding := lib.finding(rego.metadata.rule(), lib.loc(f), msg)
}
