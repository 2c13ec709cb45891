package tollgate.encryption.ansible.tls_test

import data.tollgate.encryption.ansible.tls
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#     - name: Download the release                 # line 17
#       ansible.builtin.get_url:                   # line 18
#         url: https://releases.example.com/x      # line 19
#         validate_certs: VALUE                    # line 20
task(module, fqcn, value) := {
	"format": "ansible",
	"type": "ansible_task",
	"name": "Download the release",
	"address": "site.yml:web/tasks/Download the release",
	"path": "site.yml",
	"resource": {
		"name": "Download the release",
		"module": module,
		"fqcn": fqcn,
		"args": {
			"url": "https://releases.example.com/x",
			"validate_certs": value,
			"__loc": {
				"path": "site.yml", "start_line": 18, "end_line": 20,
				"attrs": {
					"url": {"start_line": 19, "end_line": 19},
					"validate_certs": {"start_line": 20, "end_line": 20},
				},
			},
		},
		"__loc": {
			"path": "site.yml", "start_line": 17, "end_line": 20,
			"attrs": {
				"name": {"start_line": 17, "end_line": 17},
				"module": {"start_line": 18, "end_line": 18},
				"fqcn": {"start_line": 18, "end_line": 18},
			},
		},
	},
}

get_url(value) := task("get_url", "ansible.builtin.get_url", value)

test_tg_ans_001_violation if {
	findings := tls.deny with input as get_url("no")
	some f in findings
	f.rule_id == "TG-ANS-001"
	f.location == {"path": "site.yml", "start_line": 20, "end_line": 20}
	f.message == `task "Download the release" (ansible.builtin.get_url) does not verify TLS certificates (validate_certs: no)`
}

test_tg_ans_001_compliant if {
	every v in [true, "yes", "True", "on", 1] {
		count(ids(tls.deny, "TG-ANS-001")) == 0 with input as get_url(v)
	}
	doc := json.remove(get_url(false), ["resource/args/validate_certs"])
	count(ids(tls.deny, "TG-ANS-001")) == 0 with input as doc
}

test_tg_ans_001_every_false_spelling if {
	every v in [false, "false", "False", "NO", "off", "n", "0", 0] {
		count(ids(tls.deny, "TG-ANS-001")) == 1 with input as get_url(v)
	}
}

test_tg_ans_001_uri_and_windows if {
	count(ids(tls.deny, "TG-ANS-001")) == 1 with input as task("uri", "ansible.builtin.uri", false)
	count(ids(tls.deny, "TG-ANS-001")) == 1 with input as task("win_get_url", "ansible.windows.win_get_url", false)
}

test_tg_ans_001_other_module_not_reported if {
	count(ids(tls.deny, "TG-ANS-001")) == 0 with input as task("k8s", "kubernetes.core.k8s", false)
}

with_url(module, url) := json.patch(task(module, concat(".", ["ansible.builtin", module]), true), [{"op": "replace", "path": "/resource/args/url", "value": url}])

test_tg_ans_005_violation if {
	findings := tls.deny with input as with_url("get_url", "http://user:pw@releases.example.com/app.tar.gz?token=abc")
	some f in findings
	f.rule_id == "TG-ANS-005"
	f.location == {"path": "site.yml", "start_line": 19, "end_line": 19}
	f.message == `task "Download the release" (ansible.builtin.get_url) uses an unencrypted URL (http://releases.example.com/app.tar.gz)`
}

test_tg_ans_005_forms if {
	every url in ["HTTP://api.example.com/v1", "ftp://mirror.example.org/pub/x.iso", "http://10.0.0.5:8080/health", "http://[2001:db8::1]/x"] {
		count(ids(tls.deny, "TG-ANS-005")) == 1 with input as with_url("uri", url)
	}
	count(ids(tls.deny, "TG-ANS-005")) == 1 with input as with_url("win_get_url", "http://example.com/setup.exe")
}

test_tg_ans_005_compliant if {
	every url in [
		"https://releases.example.com/x",
		"{{ release_url }}",
		"http://{{ inventory_hostname }}/x",
		"http://localhost:8080/health",
		"http://127.0.0.1/status",
		"http://[::1]:9000/",
		"file:///tmp/x",
	] {
		count(ids(tls.deny, "TG-ANS-005")) == 0 with input as with_url("get_url", url)
	}
	count(ids(tls.deny, "TG-ANS-005")) == 0 with input as with_url("copy", "http://example.com/x")
}
