package tollgate.encryption.docker.tls_test

import data.tollgate.encryption.docker.tls
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

loc(start, end) := {"path": "Dockerfile", "start_line": start, "end_line": end}

# stage(overrides) is a one-stage Dockerfile document, FROM on line 1, lines 1-9.
stage(overrides) := {
	"format": "dockerfile",
	"type": "dockerfile_stage",
	"name": "0",
	"address": "Dockerfile#0",
	"path": "Dockerfile",
	"resource": object.union(
		{
			"name": "",
			"index": 0,
			"is_final": true,
			"base_image": "node:22",
			"user": "node",
			"instructions": [{"cmd": "from", "original": "FROM node:22", "args": ["node:22"], "flags": [], "json": false, "__loc": loc(1, 1)}],
			"env": [],
			"args": [],
			"meta_args": [],
			"__loc": loc(1, 9),
		},
		overrides,
	),
}

with_run(cmd) := stage({"instructions": [{"cmd": "run", "original": concat(" ", ["RUN", cmd]), "args": [cmd], "flags": [], "json": false, "__loc": loc(4, 5)}]})

fires(cmd) if count(ids(tls.deny, "TG-DOCKER-008")) == 1 with input as with_run(cmd)

silent(cmd) if count(ids(tls.deny, "TG-DOCKER-008")) == 0 with input as with_run(cmd)

test_tg_docker_008_violation if {
	findings := tls.deny with input as with_run("curl -fsSLk https://get.example.com/install.sh -o /tmp/i.sh && sh /tmp/i.sh")
	some f in findings
	f.rule_id == "TG-DOCKER-008"
	f.location == loc(4, 5)
	f.message == `stage "0" turns off TLS certificate verification in RUN (curl --insecure)`
}

test_tg_docker_008_forms if {
	every cmd in [
		"curl --insecure -o /tmp/x https://example.com/x",
		"wget --no-check-certificate https://example.com/x",
		"wget -q --check-certificate=off https://example.com/x",
		"pip install --trusted-host pypi.example.com -r requirements.txt",
		"python3 -m pip install --trusted-host=pypi.example.com foo",
		"pip config set global.trusted-host pypi.example.com",
		"npm config set strict-ssl false",
		"yarn config set strict-ssl false",
		"npm install --strict-ssl=false",
		"git config --global http.sslVerify false",
		"git -c http.sslverify=false clone https://git.example.com/x.git",
		"yum-config-manager --save --setopt=repo.sslverify=0",
		"dnf config-manager --setopt=sslverify=false --save",
		"NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci",
		"export GIT_SSL_NO_VERIFY=1 && git clone https://git.example.com/x.git",
		"PYTHONHTTPSVERIFY='0' python fetch.py",
		"PIP_TRUSTED_HOST=pypi.example.com pip install foo",
	] {
		fires(cmd)
	}
}

test_tg_docker_008_compliant if {
	every cmd in [
		"curl -fsSL https://example.com/x -o /tmp/x",
		"curl -H 'X-Key: k' https://example.com",
		"wget -q https://example.com/x",
		"pip install --index-url https://pypi.example.com/simple foo",
		"npm config set strict-ssl true",
		"git config --global http.sslVerify true",
		"dnf config-manager --setopt=sslverify=1 --save",
		"NODE_TLS_REJECT_UNAUTHORIZED=1 npm ci",
		"kubectl -k overlays/prod",
	] {
		silent(cmd)
	}
}

entry(name, key, value, line) := {"name": name, key: value, "__loc": loc(line, line)}

test_tg_docker_009_violation if {
	doc := stage({"env": [entry("PORT", "value", "8080", 2), entry("NODE_TLS_REJECT_UNAUTHORIZED", "value", "0", 3)]})
	findings := tls.deny with input as doc
	some f in findings
	f.rule_id == "TG-DOCKER-009"
	f.location == loc(3, 3)
	f.message == `stage "0" turns off TLS certificate verification with ENV NODE_TLS_REJECT_UNAUTHORIZED=0`
}

test_tg_docker_009_variables if {
	every e in [
		entry("PYTHONHTTPSVERIFY", "value", "0", 3),
		entry("npm_config_strict_ssl", "value", "false", 3),
		entry("GIT_SSL_NO_VERIFY", "value", "", 3),
		entry("PIP_TRUSTED_HOST", "value", "pypi.example.com", 3),
	] {
		count(ids(tls.deny, "TG-DOCKER-009")) == 1 with input as stage({"env": [e]})
	}
	count(ids(tls.deny, "TG-DOCKER-009")) == 1 with input as stage({"args": [entry("GIT_SSL_NO_VERIFY", "default", "true", 3)]})
	count(ids(tls.deny, "TG-DOCKER-009")) == 1 with input as stage({"meta_args": [entry("NODE_TLS_REJECT_UNAUTHORIZED", "default", "0", 1)]})
}

test_tg_docker_009_compliant if {
	every e in [
		entry("NODE_TLS_REJECT_UNAUTHORIZED", "value", "1", 3),
		entry("PYTHONHTTPSVERIFY", "value", "1", 3),
		entry("NPM_CONFIG_STRICT_SSL", "value", "true", 3),
		entry("PIP_TRUSTED_HOST", "value", "", 3),
		entry("NODE_EXTRA_CA_CERTS", "value", "/etc/ssl/ca.pem", 3),
	] {
		count(ids(tls.deny, "TG-DOCKER-009")) == 0 with input as stage({"env": [e]})
	}

	# An ARG without a default, or an ENV whose value is unknown, is not reported.
	count(ids(tls.deny, "TG-DOCKER-009")) == 0 with input as stage({"args": [{"name": "GIT_SSL_NO_VERIFY", "__loc": loc(3, 3)}]})
	count(ids(tls.deny, "TG-DOCKER-009")) == 0 with input as stage({"env": [{"name": "NODE_TLS_REJECT_UNAUTHORIZED", "__loc": object.union(loc(3, 3), {"attrs": {"value": {"unknown": true}}})}]})

	# Global ARGs are reported on the first stage only.
	count(ids(tls.deny, "TG-DOCKER-009")) == 0 with input as stage({"index": 1, "meta_args": [entry("NODE_TLS_REJECT_UNAUTHORIZED", "default", "0", 1)]})
}
