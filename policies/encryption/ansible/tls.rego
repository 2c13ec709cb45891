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

# Modules that download or call the URL in their url argument.
fetch_modules := {"get_url", "uri", "win_get_url", "win_uri"}

# plaintext_url(u) holds for a literal URL of a scheme without encryption, to a host other
# than the local machine.
plaintext_url(u) if {
	is_string(u)
	not contains(u, "{{")
	not contains(u, "{%")
	m := regex.find_all_string_submatch_n(`^(?i)(http|ftp)://(?:[^/@]*@)?(\[[^\]]*\]|[^/:?#]*)`, trim_space(u), 1)
	count(m) == 1
	not loopback(lower(m[0][2]))
}

loopback(host) if host in {"localhost", "[::1]"}

loopback(host) if startswith(host, "127.")

loopback(host) if endswith(host, ".localhost")

# METADATA
# title: Ansible task downloads or calls a URL over plain HTTP or FTP
# description: |
#   The url of a get_url or uri task (or their Windows counterparts) is a literal http:// or
#   ftp:// address: the request, its credentials and headers included, and the response
#   travel unencrypted, so anyone on the network path reads them and can replace what the
#   host downloads and then installs or runs. URLs on the local machine (localhost,
#   127.0.0.0/8, [::1]) and URLs built from Jinja expressions are not reported.
# related_resources:
# - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html#parameter-url
# - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/uri_module.html#parameter-url
# custom:
#   id: TG-ANS-005
#   severity: medium
#   category: encryption
#   remediation: Use the https:// address of the service (or an FTPS/SFTP one); if the server offers no TLS, publish the file over HTTPS elsewhere and pin the download with checksum.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "ansible_task"
	r := input.resource
	r.module in fetch_modules
	plaintext_url(r.args.url)
	msg := sprintf("task %q (%s) uses an unencrypted URL (%s)", [input.name, r.fqcn, redact_url(r.args.url)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r.args, "url"), msg)
}

# redact_url drops credentials, the query and the fragment of a URL before it is printed.
redact_url(u) := regex.replace(regex.replace(trim_space(u), `[?#].*$`, ""), `://[^/@]*@`, "://")
