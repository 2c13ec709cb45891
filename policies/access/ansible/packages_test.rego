package tollgate.access.ansible.packages_test

import data.tollgate.access.ansible.packages
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#     - name: Refresh the apt cache              # line 12
#       ansible.builtin.apt:                     # line 13
#         update_cache: true                     # line 14
#         KEY: VALUE                             # line 15
task(module, key, value) := {
	"format": "ansible",
	"type": "ansible_task",
	"name": "Refresh the apt cache",
	"address": "site.yml:web/pre_tasks/Refresh the apt cache",
	"path": "site.yml",
	"resource": {
		"name": "Refresh the apt cache",
		"module": module,
		"fqcn": concat(".", ["ansible.builtin", module]),
		"args": {
			"update_cache": true,
			key: value,
			"__loc": {
				"path": "site.yml", "start_line": 13, "end_line": 15,
				"attrs": {
					"update_cache": {"start_line": 14, "end_line": 14},
					key: {"start_line": 15, "end_line": 15},
				},
			},
		},
		"__loc": {"path": "site.yml", "start_line": 12, "end_line": 15, "attrs": {"name": {"start_line": 12, "end_line": 12}}},
	},
}

test_tg_ans_004_violation if {
	findings := packages.deny with input as task("apt", "allow_unauthenticated", "yes")
	some f in findings
	f.rule_id == "TG-ANS-004"
	f.location == {"path": "site.yml", "start_line": 15, "end_line": 15}
	f.message == `task "Refresh the apt cache" installs packages from unauthenticated repositories (allow_unauthenticated)`
}

test_tg_ans_004_compliant if {
	count(ids(packages.deny, "TG-ANS-004")) == 0 with input as task("apt", "allow_unauthenticated", false)
	count(ids(packages.deny, "TG-ANS-004")) == 0 with input as task("dnf", "disable_gpg_check", "no")
	count(ids(packages.deny, "TG-ANS-004")) == 0 with input as task("yum", "validate_certs", true)
	count(ids(packages.deny, "TG-ANS-004")) == 0 with input as task("apt", "state", "present")
}

test_tg_ans_004_gpg_and_tls if {
	findings := packages.deny with input as task("yum", "disable_gpg_check", true)
	some f in findings
	f.message == `task "Refresh the apt cache" installs packages without checking their GPG signatures (disable_gpg_check)`
	count(ids(packages.deny, "TG-ANS-004")) == 1 with input as task("dnf", "validate_certs", "no")
	count(ids(packages.deny, "TG-ANS-004")) == 1 with input as task("package", "disable_gpg_check", "True")
}

test_tg_ans_004_other_module_not_reported if {
	count(ids(packages.deny, "TG-ANS-004")) == 0 with input as task("pip", "validate_certs", false)
}

test_tg_ans_004_apt_force_and_sslverify if {
	findings := packages.deny with input as task("apt", "force", "yes")
	some f in findings
	f.rule_id == "TG-ANS-004"
	f.location == {"path": "site.yml", "start_line": 15, "end_line": 15}
	f.message == `task "Refresh the apt cache" installs packages with apt's force, which also accepts unauthenticated packages`
	count(ids(packages.deny, "TG-ANS-004")) == 1 with input as task("yum", "sslverify", false)
	count(ids(packages.deny, "TG-ANS-004")) == 1 with input as task("dnf", "sslverify", "no")
	count(ids(packages.deny, "TG-ANS-004")) == 0 with input as task("apt", "force", false)
	count(ids(packages.deny, "TG-ANS-004")) == 0 with input as task("dnf", "sslverify", true)
	count(ids(packages.deny, "TG-ANS-004")) == 0 with input as task("yum", "force", true)
}
