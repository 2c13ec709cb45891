package tollgate.access.docker.dockerfile_test

import data.tollgate.access.docker.dockerfile
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

loc(start, end) := {"path": "Dockerfile", "start_line": start, "end_line": end}

from_instruction := {"cmd": "from", "original": "FROM python:3.12-slim", "args": ["python:3.12-slim"], "flags": [], "json": false, "__loc": loc(1, 1)}

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
			"base_image": "python:3.12-slim",
			"user": "",
			"instructions": [from_instruction],
			"env": [],
			"args": [],
			"meta_args": [],
			"__loc": object.union(loc(1, 9), {"attrs": {
				"base_image": {"start_line": 1, "end_line": 1},
				"name": {"start_line": 1, "end_line": 1},
				"user": {"start_line": 1, "end_line": 1},
			}}),
		},
		overrides,
	),
}

with_user(user, line) := object.union(stage({"user": user}), {"resource": {"__loc": {"attrs": {"user": {"start_line": line, "end_line": line}}}}})

test_tg_docker_001_violation if {
	findings := dockerfile.deny with input as stage({})
	some f in findings
	f.rule_id == "TG-DOCKER-001"
	f.location == loc(1, 1)
	f.message == `final stage "0" runs as root (no USER set)`
}

test_tg_docker_001_explicit_root_points_at_user if {
	findings := dockerfile.deny with input as with_user("root", 7)
	some f in findings
	f.rule_id == "TG-DOCKER-001"
	f.location == loc(7, 7)
	f.message == `final stage "0" runs as root (USER root)`
}

test_tg_docker_001_compliant if {
	findings := dockerfile.deny with input as with_user("10001:10001", 7)
	count(ids(findings, "TG-DOCKER-001")) == 0
}

test_tg_docker_001_root_forms_fire if {
	every user in ["root", "0", "0:0", "root:root", "0:wheel"] {
		count(ids(dockerfile.deny, "TG-DOCKER-001")) == 1 with input as with_user(user, 4)
	}
}

test_tg_docker_001_builder_stage_ignored if {
	findings := dockerfile.deny with input as stage({"is_final": false})
	count(ids(findings, "TG-DOCKER-001")) == 0
}

test_tg_docker_001_unknown_user_ignored if {
	doc := json.remove(stage({}), ["resource/user"])
	count(ids(dockerfile.deny, "TG-DOCKER-001")) == 0 with input as doc
}

env_entry(name, value, line) := {"name": name, "value": value, "__loc": loc(line, line)}

arg_entry(name, value, line) := {"name": name, "default": value, "__loc": loc(line, line)}

test_tg_docker_002_violation if {
	doc := stage({"env": [env_entry("APP_HOME", "/srv", 2), env_entry("DB_PASSWORD", "hunter2", 3)]})
	findings := dockerfile.deny with input as doc
	some f in findings
	f.rule_id == "TG-DOCKER-002"
	f.location == loc(3, 3)
	f.message == `stage "0" sets credential-like ENV "DB_PASSWORD" to a literal value`
	not contains(f.message, "hunter2")
}

test_tg_docker_002_arg_defaults_fire if {
	doc := stage({"args": [arg_entry("NPM_TOKEN", "npm_x", 4)], "meta_args": [arg_entry("GH_TOKEN", "ghp_x", 1)]})
	found := {[f.location.start_line, f.message] | some f in ids(dockerfile.deny, "TG-DOCKER-002")} with input as doc
	found == {
		[4, `stage "0" sets credential-like ARG "NPM_TOKEN" to a literal value`],
		[1, `stage "0" sets credential-like ARG "GH_TOKEN" to a literal value`],
	}
}

test_tg_docker_002_meta_args_only_on_first_stage if {
	doc := stage({"index": 1, "meta_args": [arg_entry("GH_TOKEN", "ghp_x", 1)]})
	count(ids(dockerfile.deny, "TG-DOCKER-002")) == 0 with input as doc
}

test_tg_docker_002_compliant if {
	doc := stage({
		"env": [
			env_entry("PORT", "8080", 2),
			env_entry("DB_PASSWORD", "", 3),
			env_entry("POSTGRES_PASSWORD_FILE", "/run/secrets/db", 4),
			# a value built from an ARG without a default is unknown: no value key
			{"name": "API_TOKEN", "__loc": object.union(loc(5, 5), {"attrs": {"value": {"unknown": true}}})},
		],
		"args": [{"name": "NPM_TOKEN", "__loc": loc(6, 6)}],
	})
	count(ids(dockerfile.deny, "TG-DOCKER-002")) == 0 with input as doc
}

add(args, flags, line) := {
	"cmd": "add",
	"original": concat(" ", array.concat(array.concat(["ADD"], flags), args)),
	"args": args,
	"flags": flags,
	"json": false,
	"sources": array.slice(args, 0, count(args) - 1),
	"dest": args[count(args) - 1],
	"__loc": loc(line, line),
}

test_tg_docker_003_violation if {
	doc := stage({"instructions": [from_instruction, add(["https://deploy:s3cr3t@dl.example.com/tool.tgz?sig=abc", "/opt/"], [], 5)]})
	findings := dockerfile.deny with input as doc
	some f in findings
	f.rule_id == "TG-DOCKER-003"
	f.location == loc(5, 5)
	f.message == `stage "0" ADDs remote source "https://dl.example.com/tool.tgz" without --checksum`
}

test_tg_docker_003_git_sources_fire if {
	doc := stage({"instructions": [
		add(["git@github.com:moby/buildkit.git#v0.14.0", "/src"], [], 2),
		add(["https://github.com/moby/buildkit.git#v0.14.0", "/src2"], [], 3),
	]})
	count(ids(dockerfile.deny, "TG-DOCKER-003")) == 2 with input as doc
}

test_tg_docker_003_compliant if {
	doc := stage({"instructions": [
		from_instruction,
		add(["https://dl.example.com/ok.tgz", "/opt/"], ["--checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"], 2),
		add(["vendor/tool.tgz", "/opt/"], [], 3),
	]})
	count(ids(dockerfile.deny, "TG-DOCKER-003")) == 0 with input as doc
}

instruction(cmd, args, line) := {"cmd": cmd, "original": concat(" ", array.concat([upper(cmd)], args)), "args": args, "flags": [], "json": false, "__loc": loc(line, line)}

with_instructions(list) := stage({"user": "app", "instructions": array.concat([from_instruction], list)})

test_tg_docker_010_violation if {
	findings := dockerfile.deny with input as with_instructions([instruction("expose", ["8080", "22/tcp"], 5)])
	some f in findings
	f.rule_id == "TG-DOCKER-010"
	f.location == loc(5, 5)
	f.message == `stage "0" exposes administrative port 22/tcp`
}

test_tg_docker_010_rdp_and_param if {
	count(ids(dockerfile.deny, "TG-DOCKER-010")) == 1 with input as with_instructions([instruction("expose", ["3389"], 5)])
	count(ids(dockerfile.deny, "TG-DOCKER-010")) == 1 with input as with_instructions([instruction("expose", ["5900"], 5)])
		with data.config.params as {"admin_ports": [5900]}
}

test_tg_docker_010_compliant if {
	every args in [["8080"], ["2222"], ["$SSH_PORT"], ["20-30"], ["443/tcp", "53/udp"]] {
		count(ids(dockerfile.deny, "TG-DOCKER-010")) == 0 with input as with_instructions([instruction("expose", args, 5)])
	}
}

test_tg_docker_011_violation if {
	findings := dockerfile.deny with input as with_instructions([instruction("workdir", ["/proc/app"], 6)])
	some f in findings
	f.rule_id == "TG-DOCKER-011"
	f.location == loc(6, 6)
	f.message == `stage "0" sets WORKDIR "/proc/app", inside system directory /proc`
}

test_tg_docker_011_forms if {
	every dir in ["/dev", "/boot/", "/sys/fs/app", "/lost+found/x"] {
		count(ids(dockerfile.deny, "TG-DOCKER-011")) == 1 with input as with_instructions([instruction("workdir", [dir], 6)])
	}
}

test_tg_docker_011_compliant if {
	every dir in ["/app", "/srv/devices", "/opt/proc", "/develop", "$APP_HOME", "/bootstrap"] {
		count(ids(dockerfile.deny, "TG-DOCKER-011")) == 0 with input as with_instructions([instruction("workdir", [dir], 6)])
	}
}

final_with(overrides) := stage(object.union({"user": "app"}, overrides))

test_tg_docker_012_violation if {
	doc := final_with({"args": [{"name": "NPM_TOKEN", "__loc": loc(3, 3)}]})
	findings := dockerfile.deny with input as doc
	some f in findings
	f.rule_id == "TG-DOCKER-012"
	f.location == loc(3, 3)
	f.message == `final stage "0" takes credential-like build argument "NPM_TOKEN" from --build-arg (recorded in the image history)`
}

test_tg_docker_012_env_from_build if {
	doc := final_with({"env": [{"name": "AWS_SECRET_ACCESS_KEY", "__loc": object.union(loc(4, 4), {"attrs": {"value": {"unknown": true}}})}]})
	findings := dockerfile.deny with input as doc
	some f in findings
	f.rule_id == "TG-DOCKER-012"
	f.location == loc(4, 4)
	f.message == `final stage "0" stores credential-like ENV "AWS_SECRET_ACCESS_KEY", set from the build, in the image config`
}

test_tg_docker_012_copied_credential_file if {
	env := [{"name": "GOOGLE_APPLICATION_CREDENTIALS", "value": "/app/keys/sa.json", "__loc": loc(3, 3)}]
	copy := {"cmd": "copy", "original": "COPY sa.json /app/keys/", "args": ["sa.json", "/app/keys/"], "flags": [], "json": false, "sources": ["sa.json"], "dest": "/app/keys/", "__loc": loc(5, 5)}
	findings := dockerfile.deny with input as final_with({"env": env, "instructions": [from_instruction, copy]})
	some f in findings
	f.rule_id == "TG-DOCKER-012"
	f.location == loc(5, 5)
	f.message == `final stage "0" copies the credential file named by GOOGLE_APPLICATION_CREDENTIALS into the image`

	by_name := json.patch(copy, [{"op": "replace", "path": "/dest", "value": "$AWS_SHARED_CREDENTIALS_FILE"}])
	count(ids(dockerfile.deny, "TG-DOCKER-012")) == 1 with input as final_with({"instructions": [from_instruction, by_name]})
}

test_tg_docker_012_cli_login if {
	run := {"cmd": "run", "original": "RUN aws configure set aws_secret_access_key $KEY", "args": ["aws configure set aws_secret_access_key $KEY"], "flags": [], "json": false, "__loc": loc(6, 6)}
	findings := dockerfile.deny with input as final_with({"instructions": [from_instruction, run]})
	some f in findings
	f.rule_id == "TG-DOCKER-012"
	f.message == `final stage "0" runs aws configure set without a secret mount, leaving the credential in the image`

	mounted := json.patch(run, [{"op": "replace", "path": "/flags", "value": ["--mount=type=secret,id=aws"]}])
	count(ids(dockerfile.deny, "TG-DOCKER-012")) == 0 with input as final_with({"instructions": [from_instruction, mounted]})
}

test_tg_docker_012_names if {
	every name in ["SSH_KEY", "NPM_AUTH", "DB_PASSWORD", "api_key", "GH_TOKEN", "AWS_ACCESS_KEY_ID"] {
		count(ids(dockerfile.deny, "TG-DOCKER-012")) == 1 with input as final_with({"args": [{"name": name, "__loc": loc(3, 3)}]})
	}
	every name in ["GPG_KEY", "PUBLIC_KEY", "AUTH_URL", "AUTH_ENABLED", "KEYCLOAK_VERSION", "PASSWORD_FILE", "VERSION", "TOKEN_URL", "PASSWORD_MIN_LENGTH", "GOOGLE_APPLICATION_CREDENTIALS"] {
		count(ids(dockerfile.deny, "TG-DOCKER-012")) == 0 with input as final_with({"args": [{"name": name, "__loc": loc(3, 3)}]})
	}
}

test_tg_docker_012_compliant if {
	# A literal value is TG-DOCKER-002's; a builder stage does not reach the image.
	count(ids(dockerfile.deny, "TG-DOCKER-012")) == 0 with input as final_with({"args": [{"name": "NPM_TOKEN", "default": "abc-literal", "__loc": loc(3, 3)}]})
	count(ids(dockerfile.deny, "TG-DOCKER-012")) == 0 with input as final_with({"is_final": false, "args": [{"name": "NPM_TOKEN", "__loc": loc(3, 3)}]})
	count(ids(dockerfile.deny, "TG-DOCKER-012")) == 0 with input as final_with({"env": [{"name": "DB_PASSWORD_FILE", "__loc": object.union(loc(4, 4), {"attrs": {"value": {"unknown": true}}})}]})
	env := [{"name": "GOOGLE_APPLICATION_CREDENTIALS", "value": "/var/run/secrets/sa.json", "__loc": loc(3, 3)}]
	copy := {"cmd": "copy", "original": "COPY app /app/", "args": ["app", "/app/"], "flags": [], "json": false, "sources": ["app"], "dest": "/app/", "__loc": loc(5, 5)}
	count(ids(dockerfile.deny, "TG-DOCKER-012")) == 0 with input as final_with({"env": env, "instructions": [from_instruction, copy]})
}

test_tg_docker_002_credential_file_path_is_no_credential if {
	doc := stage({"env": [env_entry("GOOGLE_APPLICATION_CREDENTIALS", "/app/sa.json", 3)]})
	count(ids(dockerfile.deny, "TG-DOCKER-002")) == 0 with input as doc
}
