package tollgate.access.ansible.credentials

import data.tollgate.lib
import rego.v1

# METADATA
# title: Ansible task passes a literal credential to its module
# description: |
#   An argument named like a credential (password, passphrase, secret, token, api_key,
#   private_key, access_key), anywhere in a task's module arguments, holds a value written in
#   the playbook: not a Jinja expression ({{ vault_db_password }}, a lookup) and not a
#   !vault-encrypted value. Everyone who can read the repository, its history and its CI logs
#   has the credential, and rotating it means editing code. Names of options that hold no
#   secret (update_password, *_file, *_path...) are not reported. The value is never shown.
# related_resources:
# - https://docs.ansible.com/ansible/latest/vault_guide/index.html
# - https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-ANS-003
#   severity: high
#   category: access
#   remediation: Move the value to Ansible Vault (ansible-vault encrypt_string) or a secrets manager lookup, reference it with a variable, set no_log true on the task, and rotate the exposed credential.
deny contains finding if {
	input.type == "ansible_task"
	r := input.resource
	walk(r.args, [path, obj])
	is_object(obj)
	not "__loc" in path
	some key, value in obj
	credential_name(key)
	literal(value)
	msg := sprintf("task %q passes a literal credential in argument %q of %s (value not shown)", [input.name, key, r.fqcn])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(obj, key), msg)
}

credential_name(key) if {
	is_string(key)
	regex.match(`(?i)(passw(or)?d|passwd|passphrase|secret|token|api_?key|private_?key|access_?key)`, key)
	not regex.match(`(?i)(_file|_path|_dir|_lock|_policy|_length|_type|_mode|_method|_url|_uri|_expire|_expire_\w+|_min|_max|_warn|_days|_age|_validity)$`, key)
	not lower(key) in {"update_password", "password_lock", "no_log"}
}

# A value written in the file: not a template, not vault-encrypted, not a locked-account
# marker (! or *).
literal(v) if {
	is_string(v)
	s := trim_space(v)
	s != ""
	not contains(s, "{{")
	not contains(s, "{%")
	not startswith(s, "$ANSIBLE_VAULT;")
	not regex.match(`^[!*]+$`, s)
}
