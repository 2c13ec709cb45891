package tollgate.encryption.ansible.tls

import data.tollgate.lib
import rego.v1

# Modules that fetch or call URLs and verify the server's certificate unless told not to.
url_modules := {"get_url", "uri", "win_get_url", "win_uri"}

# METADATA
# title: Ansible task downloads or calls a URL without verifying TLS certificates
# description: |
#   validate_certs is false (false, no, off, 0, as Ansible's boolean() reads them) on a get_url
#   or uri task (or their Windows counterparts): whoever sits on the network path can serve a
#   forged certificate and replace the downloaded file or read and alter the request, its
#   credentials included. Free-form arguments (validate_certs=no) and action/local_action
#   tasks are checked too.
# related_resources:
# - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html#parameter-validate_certs
# - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/uri_module.html#parameter-validate_certs
# custom:
#   id: TG-ANS-001
#   severity: high
#   category: encryption
#   remediation: Remove validate_certs (it defaults to true). For an internal certificate authority, install its certificate on the host or point ca_path (get_url, uri) at it; pin downloads with checksum.
deny contains finding if {
	input.type == "ansible_task"
	r := input.resource
	r.module in url_modules
	ansible_false(r.args.validate_certs)
	msg := sprintf("task %q (%s) does not verify TLS certificates (validate_certs: %v)", [input.name, r.fqcn, r.args.validate_certs])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r.args, "validate_certs"), msg)
}

# Ansible's boolean(): false, and the strings and numbers it reads as false.
ansible_false(v) if v == false

ansible_false(v) if v == 0

ansible_false(v) if {
	is_string(v)
	lower(trim_space(v)) in {"no", "false", "off", "n", "f", "0"}
}
