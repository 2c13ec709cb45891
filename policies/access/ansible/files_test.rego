package tollgate.access.ansible.files_test

import data.tollgate.access.ansible.files
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#     - name: Create the upload directory       # line 25
#       file:                                   # line 26
#         path: /srv/uploads                    # line 27
#         state: directory                      # line 28
#         mode: MODE                            # line 29
task(module, mode) := {
	"format": "ansible",
	"type": "ansible_task",
	"name": "Create the upload directory",
	"address": "site.yml:web/tasks/Create the upload directory",
	"path": "site.yml",
	"resource": {
		"name": "Create the upload directory",
		"module": module,
		"fqcn": concat(".", ["ansible.builtin", module]),
		"args": {
			"path": "/srv/uploads",
			"state": "directory",
			"mode": mode,
			"__loc": {
				"path": "site.yml", "start_line": 26, "end_line": 29,
				"attrs": {
					"path": {"start_line": 27, "end_line": 27},
					"state": {"start_line": 28, "end_line": 28},
					"mode": {"start_line": 29, "end_line": 29},
				},
			},
		},
		"__loc": {"path": "site.yml", "start_line": 25, "end_line": 29, "attrs": {"name": {"start_line": 25, "end_line": 25}}},
	},
}

test_tg_ans_002_violation if {
	findings := files.deny with input as task("file", 511)
	some f in findings
	f.rule_id == "TG-ANS-002"
	f.location == {"path": "site.yml", "start_line": 29, "end_line": 29}
	f.message == `task "Create the upload directory" sets mode 0777 on "/srv/uploads": any user can write it`
}

test_tg_ans_002_compliant if {
	every mode in [420, 493, 777, "0644", "0750", "755", "1755", "u=rwx,g=rx,o=rx", "o-w", "a+r", "u+w,g+w", "+w", "preserve"] {
		count(ids(files.deny, "TG-ANS-002")) == 0 with input as task("file", mode)
	}
}

test_tg_ans_002_world_writable_spellings if {
	every mode in [438, "0777", "777", "0666", "1777", "0o777", "0002", "o+w", "a=rwx", "u=rwx,g=rx,o=rwx", "ugo+rw", "go+w"] {
		count(ids(files.deny, "TG-ANS-002")) == 1 with input as task("copy", mode)
	}
}

test_tg_ans_002_message_for_strings if {
	findings := files.deny with input as task("template", "o+w")
	some f in findings
	f.message == `task "Create the upload directory" sets mode "o+w" on "/srv/uploads": any user can write it`
}

test_tg_ans_002_directory_mode if {
	doc := json.patch(task("copy", "0644"), [
		{"op": "add", "path": "/resource/args/directory_mode", "value": "0777"},
		{"op": "add", "path": "/resource/args/__loc/attrs/directory_mode", "value": {"start_line": 30, "end_line": 30}},
	])
	findings := files.deny with input as doc
	some f in findings
	f.location == {"path": "site.yml", "start_line": 30, "end_line": 30}
}

test_tg_ans_002_other_module_not_reported if {
	count(ids(files.deny, "TG-ANS-002")) == 0 with input as task("lineinfile_custom", 511)
}
