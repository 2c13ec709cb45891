package tollgate.access.ansible.files

import data.tollgate.lib
import rego.v1

# Modules that create files or directories with the permissions their mode argument gives.
file_modules := {"file", "copy", "template", "assemble", "get_url", "unarchive"}

# METADATA
# title: Ansible task makes a file or directory world-writable
# description: |
#   mode (or directory_mode) of a file, copy, template, assemble, get_url or unarchive task lets
#   every user of the host write the file or directory: octal modes with the others-write bit
#   (0777, "0666", "1777"; YAML reads 0777 as octal, as Ansible does, while 777 unquoted is the
#   decimal 777, octal 1411), and symbolic modes granting w to o or a (o+w, a=rwx). Any local
#   account or compromised service can then replace configuration, code or data. Free-form
#   arguments (mode=o+w) are checked too.
# related_resources:
# - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/file_module.html#parameter-mode
# - https://cwe.mitre.org/data/definitions/732.html
# custom:
#   id: TG-ANS-002
#   severity: medium
#   category: access
#   remediation: Give the least permissions the consumers need, as a quoted octal string ("0644" for files, "0755" for directories) or a symbolic mode without o+w, and grant write access through the owner and group.
deny contains finding if {
	input.type == "ansible_task"
	r := input.resource
	r.module in file_modules
	some key in ["mode", "directory_mode"]
	mode := r.args[key]
	world_writable(mode)
	msg := sprintf("task %q sets %s %s%s: any user can write it", [input.name, key, display(mode), target(r.args)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r.args, key), msg)
}

# An integer is the mode itself (YAML's 0777 is 511).
world_writable(mode) if {
	is_number(mode)
	round(mode) == mode
	bits.and(mode, 2) != 0
}

# An octal string: its last digit holds the others' permissions.
world_writable(mode) if {
	is_string(mode)
	regex.match(`^(0o|0)?[0-7]{1,4}$`, mode)
	bits.and(to_number(substring(mode, count(mode) - 1, 1)), 2) != 0
}

# A symbolic mode with a clause granting w to o or a.
world_writable(mode) if {
	is_string(mode)
	some clause in split(mode, ",")
	regex.match(`^[ugoa]*[oa][ugoa]*([-+=][rwxXst]*)*[+=][rwxXst]*w`, trim_space(clause))
}

display(mode) := sprintf("0%o", [mode]) if is_number(mode)

display(mode) := sprintf("%q", [mode]) if is_string(mode)

target(args) := sprintf(" on %q", [p]) if {
	some key in ["path", "dest", "name"]
	p := args[key]
	is_string(p)
} else := ""
