package tollgate.access.ansible.credentials_test

import data.tollgate.access.ansible.credentials
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#     - name: Install the app user               # line 35
#       ansible.builtin.user:                    # line 36
#         name: orders                           # line 37
#         KEY: VALUE                             # line 38
task(key, value) := {
	"format": "ansible",
	"type": "ansible_task",
	"name": "Install the app user",
	"address": "site.yml:web/tasks/Install the app user",
	"path": "site.yml",
	"resource": {
		"name": "Install the app user",
		"module": "user",
		"fqcn": "ansible.builtin.user",
		"args": {
			"name": "orders",
			key: value,
			"__loc": {
				"path": "site.yml", "start_line": 36, "end_line": 38,
				"attrs": {
					"name": {"start_line": 37, "end_line": 37},
					key: {"start_line": 38, "end_line": 38},
				},
			},
		},
		"__loc": {"path": "site.yml", "start_line": 35, "end_line": 38, "attrs": {"name": {"start_line": 35, "end_line": 35}}},
	},
}

test_tg_ans_003_violation if {
	findings := credentials.deny with input as task("password", "hunter2-literal")
	some f in findings
	f.rule_id == "TG-ANS-003"
	f.location == {"path": "site.yml", "start_line": 38, "end_line": 38}
	f.message == `task "Install the app user" passes a literal credential in argument "password" of ansible.builtin.user (value not shown)`
	not contains(f.message, "hunter2")
}

test_tg_ans_003_compliant if {
	count(ids(credentials.deny, "TG-ANS-003")) == 0 with input as task("password", "{{ vault_orders_password }}")
	count(ids(credentials.deny, "TG-ANS-003")) == 0 with input as task("password", "{{ lookup('community.hashi_vault.hashi_vault', 'secret/orders') }}")
	count(ids(credentials.deny, "TG-ANS-003")) == 0 with input as task("password", "$ANSIBLE_VAULT;1.1;AES256\n6235\n")
	count(ids(credentials.deny, "TG-ANS-003")) == 0 with input as task("password", "!")
	count(ids(credentials.deny, "TG-ANS-003")) == 0 with input as task("password", "")
	count(ids(credentials.deny, "TG-ANS-003")) == 0 with input as task("shell", "bash")
}

test_tg_ans_003_non_secret_option_names if {
	every key in ["update_password", "password_lock", "private_key_file", "token_path", "password_expire_max"] {
		count(ids(credentials.deny, "TG-ANS-003")) == 0 with input as task(key, "on_create")
	}
}

test_tg_ans_003_credential_names if {
	every key in ["url_password", "login_password", "api_key", "apikey", "client_secret", "auth_token", "ssh_key_passphrase", "aws_access_key", "Password"] {
		count(ids(credentials.deny, "TG-ANS-003")) == 1 with input as task(key, "literal-value")
	}
}

test_tg_ans_003_nested_argument if {
	doc := json.patch(task("name", "orders"), [
		{"op": "add", "path": "/resource/args/body", "value": {
			"token": "abc123-literal",
			"__loc": {"path": "site.yml", "start_line": 39, "end_line": 40, "attrs": {"token": {"start_line": 40, "end_line": 40}}},
		}},
	])
	findings := credentials.deny with input as doc
	some f in findings
	f.rule_id == "TG-ANS-003"
	f.location == {"path": "site.yml", "start_line": 40, "end_line": 40}
	f.message == `task "Install the app user" passes a literal credential in argument "token" of ansible.builtin.user (value not shown)`
}
