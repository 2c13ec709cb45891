package tollgate.access.image.config_test

import data.tollgate.access.image.config
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

image_loc := {"image": "registry.example/app:1.4", "digest": "sha256:4d2a7c1e9b0f3a6d8c5e2b1f0a9d8c7b6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"}

image(user, env) := {
	"format": "image",
	"type": "container_image",
	"name": "registry.example/app:1.4",
	"address": "registry.example/app",
	"path": "registry.example/app:1.4",
	"resource": {
		"reference": "registry.example/app:1.4",
		"digest": image_loc.digest,
		"config": {
			"user": user,
			"env": env,
			"exposed_ports": ["8080/tcp"],
			"labels": {"org.opencontainers.image.source": "https://git.example/app"},
			"entrypoint": ["/app"],
			"cmd": [],
			"working_dir": "/srv",
			"__loc": image_loc,
		},
		"packages": [],
		"__loc": image_loc,
	},
}

path_env := [{"name": "PATH", "value": "/usr/local/bin:/usr/bin:/bin"}]

test_tg_img_001_violation if {
	findings := config.deny with input as image("", path_env)
	some f in findings
	f.rule_id == "TG-IMG-001"
	f.location == image_loc
	f.message == `image "registry.example/app:1.4" runs as root (no USER set)`
}

test_tg_img_001_compliant if {
	findings := config.deny with input as image("10001:10001", path_env)
	count(ids(findings, "TG-IMG-001")) == 0
}

test_tg_img_001_root_forms_fire if {
	every user in ["root", "0", "0:0", "root:root", "0:wheel"] {
		count(ids(config.deny, "TG-IMG-001")) == 1 with input as image(user, path_env)
	}
}

test_tg_img_001_named_users_compliant if {
	every user in ["app", "nobody:nogroup", "1000", "rooter", "01000"] {
		count(ids(config.deny, "TG-IMG-001")) == 0 with input as image(user, path_env)
	}
}

test_tg_img_001_no_user_key_fires if {
	doc := json.remove(image("", path_env), ["resource/config/user"])
	count(ids(config.deny, "TG-IMG-001")) == 1 with input as doc
}

test_tg_img_002_violation if {
	env := array.concat(path_env, [{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}])
	findings := config.deny with input as image("app", env)
	some f in findings
	f.rule_id == "TG-IMG-002"
	f.location == image_loc
	f.message == `image "registry.example/app:1.4" sets credential-like environment variable "AWS_SECRET_ACCESS_KEY" in its config`
	not contains(f.message, "wJalrXUtnFEMI")
}

test_tg_img_002_compliant if {
	env := array.concat(path_env, [{"name": "APP_PORT", "value": "8080"}, {"name": "DB_PASSWORD", "value": ""}])
	findings := config.deny with input as image("app", env)
	count(ids(findings, "TG-IMG-002")) == 0
}

test_tg_img_002_names_match_case_insensitively if {
	env := [
		{"name": "github_token", "value": "x"},
		{"name": "Stripe_ApiKey", "value": "x"},
		{"name": "DB_PASSWD", "value": "x"},
		{"name": "GOOGLE_APPLICATION_CREDENTIALS", "value": "/k.json"},
		{"name": "SSH_PRIVATE_KEY", "value": "x"},
		{"name": "API_KEY", "value": "x"},
		{"name": "HOME", "value": "/root"},
	]
	findings := config.deny with input as image("app", env)
	count(ids(findings, "TG-IMG-002")) == 6
}
