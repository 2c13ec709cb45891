package tollgate.access.ansible.packages

import data.tollgate.lib
import rego.v1

# Package manager modules; package hands its arguments to the host's own manager.
package_modules := {"apt", "yum", "dnf", "dnf5", "package", "zypper"}

# METADATA
# title: Ansible task installs packages without verifying them
# description: |
#   An apt, yum, dnf, dnf5, zypper or package task sets allow_unauthenticated to true,
#   disable_gpg_check to true, force to true (apt's --force-yes, which also accepts
#   unauthenticated packages), or validate_certs or sslverify to false (as Ansible's
#   boolean() reads them): packages are installed, as root, without checking their signature
#   or their repository's TLS certificate, so a compromised mirror or a machine in the middle
#   runs its code on the host.
# related_resources:
# - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/apt_module.html#parameter-allow_unauthenticated
# - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/dnf_module.html#parameter-disable_gpg_check
# - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/yum_module.html#parameter-sslverify
# custom:
#   id: TG-ANS-004
#   severity: medium
#   category: access
#   remediation: Remove allow_unauthenticated, force, disable_gpg_check, validate_certs and sslverify (their defaults verify), and install the repository's signing key (apt_key/deb822_repository signed_by, rpm_key) and certificate authority instead.
deny contains finding if {
	input.type == "ansible_task"
	input.resource.module in package_modules
	some v in unverified
	msg := sprintf("task %q installs packages %s", [input.name, v.how])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(input.resource.args, v.key), msg)
}

unverified contains {"key": "allow_unauthenticated", "how": "from unauthenticated repositories (allow_unauthenticated)"} if {
	ansible_true(input.resource.args.allow_unauthenticated)
}

unverified contains {"key": "disable_gpg_check", "how": "without checking their GPG signatures (disable_gpg_check)"} if {
	ansible_true(input.resource.args.disable_gpg_check)
}

unverified contains {"key": "force", "how": "with apt's force, which also accepts unauthenticated packages"} if {
	input.resource.module == "apt"
	ansible_true(input.resource.args.force)
}

unverified contains {"key": "sslverify", "how": "without verifying the repository's TLS certificate (sslverify: false)"} if {
	ansible_false(input.resource.args.sslverify)
}

unverified contains {"key": "validate_certs", "how": "without verifying the repository's TLS certificate (validate_certs: false)"} if {
	ansible_false(input.resource.args.validate_certs)
}

# Ansible's boolean(): the values it reads as true and as false.
ansible_true(v) if v == true

ansible_true(v) if v == 1

ansible_true(v) if {
	is_string(v)
	lower(trim_space(v)) in {"yes", "true", "on", "y", "t", "1"}
}

ansible_false(v) if v == false

ansible_false(v) if v == 0

ansible_false(v) if {
	is_string(v)
	lower(trim_space(v)) in {"no", "false", "off", "n", "f", "0"}
}
