package tollgate.access.kubernetes.secrets_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.secrets
import rego.v1

#  8     spec:
#  9       containers:
# 10         - name: app
# 11           image: nginx:1.27
# 12           env:
# 13             - name: DB_PASSWORD
# 14               value: hunter2-very-secret
# 15             - name: API_TOKEN
# 16               value: $(TOKEN_FROM_FILE)
# 17             - name: LOG_LEVEL
# 18               value: debug
# 19             - name: STRIPE_KEY
# 20               valueFrom:
# 21                 secretKeyRef:
# 22                   name: stripe
# 23                   key: api-key
# 24           envFrom:
# 25             - secretRef:
# 26                 name: db
bad_spec := {
	"containers": [{
		"name": "app",
		"image": "nginx:1.27",
		"env": [
			{"name": "DB_PASSWORD", "value": "hunter2-very-secret", "__loc": fx.L(13, 14, {"name": 13, "value": 14})},
			{"name": "API_TOKEN", "value": "$(TOKEN_FROM_FILE)", "__loc": fx.L(15, 16, {"name": 15, "value": 16})},
			{"name": "LOG_LEVEL", "value": "debug", "__loc": fx.L(17, 18, {"name": 17, "value": 18})},
			{
				"name": "STRIPE_KEY",
				"valueFrom": {
					"secretKeyRef": {"name": "stripe", "key": "api-key", "__loc": fx.L(21, 23, {"name": 22, "key": 23})},
					"__loc": fx.L(20, 23, {}),
				},
				"__loc": fx.L(19, 23, {"name": 19}),
			},
		],
		"envFrom": [{"secretRef": {"name": "db", "__loc": fx.L(25, 26, {"name": 26})}, "__loc": fx.L(25, 26, {})}],
		"__loc": fx.L(10, 26, {"name": 10, "image": 11, "env": [12, 23], "envFrom": [24, 26]}),
	}],
	"__loc": fx.L(8, 26, {"containers": [9, 26]}),
}

#  8     spec:
#  9       containers:
# 10         - name: app
# 11           image: nginx:1.27
# 12           env:
# 13             - name: DB_PASSWORD_FILE
# 14               value: /run/secrets/db/password
# 15             - name: AUTH_TOKEN
# 16               value: ""
good_spec := {
	"containers": [{
		"name": "app",
		"image": "nginx:1.27",
		"env": [
			{"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db/password", "__loc": fx.L(13, 14, {"name": 13, "value": 14})},
			{"name": "AUTH_TOKEN", "value": "", "__loc": fx.L(15, 16, {"name": 15, "value": 16})},
		],
		"__loc": fx.L(10, 16, {"name": 10, "image": 11, "env": [12, 16]}),
	}],
	"__loc": fx.L(8, 16, {"containers": [9, 16]}),
}

test_tg_k8s_048_violation if {
	f := fx.only(secrets.deny, "TG-K8S-048") with input as fx.deployment(bad_spec)
	f.location == fx.at(14, 14)
	f.message == `Deployment "web": container "app" sets credential-like environment variable "DB_PASSWORD" to a literal value`
	not contains(f.message, "hunter2")
}

test_tg_k8s_048_compliant if {
	count(fx.ids(secrets.deny, "TG-K8S-048")) == 0 with input as fx.deployment(good_spec)
}

test_tg_k8s_048_any_workload_any_container if {
	spec := json.patch(good_spec, [
		{"op": "replace", "path": "/containers/0/env/1/value", "value": "s3cr3t"},
		{"op": "move", "from": "/containers", "path": "/initContainers"},
	])
	f := fx.only(secrets.deny, "TG-K8S-048") with input as fx.cronjob(spec)
	f.location == fx.at(16, 16)
	f.message == `CronJob "web": init container "app" sets credential-like environment variable "AUTH_TOKEN" to a literal value`
}

test_tg_k8s_050_violation if {
	findings := fx.ids(secrets.deny, "TG-K8S-050") with input as fx.deployment(bad_spec)
	{[f.location, f.message] | some f in findings} == {
		[fx.at(21, 23), `Deployment "web": container "app" reads Secret "stripe" into environment variable "STRIPE_KEY"`],
		[fx.at(25, 26), `Deployment "web": container "app" loads Secret "db" into its environment (envFrom)`],
	}
}

test_tg_k8s_050_compliant if {
	count(fx.ids(secrets.deny, "TG-K8S-050")) == 0 with input as fx.deployment(good_spec)
}

#  1 apiVersion: v1
#  2 kind: ConfigMap
#  3 metadata:
#  4   name: app
#  5   namespace: shop
#  6 data:
#  7   DB_PASSWORD: hunter2
#  8   password_file: /run/secrets/db
#  9   token_ttl: 1h
# 10   clientSecret: ${CLIENT_SECRET}
# 11   tls.crt: |
# 12     -----BEGIN CERTIFICATE-----
# 13   server.pem: |
# 14     -----BEGIN EC PRIVATE KEY-----
# 15     MHcCAQEEIB
# 16     -----END EC PRIVATE KEY-----
config_map(entries) := fx.manifest(
	"v1", "ConfigMap", "app", {"data": object.union(entries, {"__loc": fx.L(6, 16, {
		"DB_PASSWORD": 7,
		"password_file": 8,
		"token_ttl": 9,
		"clientSecret": 10,
		"tls.crt": [11, 12],
		"server.pem": [13, 16],
	})})},
	{}, 16,
)

safe_data := {
	"password_file": "/run/secrets/db",
	"token_ttl": "1h",
	"clientSecret": "${CLIENT_SECRET}",
	"tls.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
}

test_tg_k8s_049_violation if {
	entries := object.union(safe_data, {
		"DB_PASSWORD": "hunter2",
		"server.pem": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB\n-----END EC PRIVATE KEY-----\n",
	})
	findings := fx.ids(secrets.deny, "TG-K8S-049") with input as config_map(entries)
	{[f.location, f.message] | some f in findings} == {
		[fx.at(7, 7), `ConfigMap "app" holds a credential in key "DB_PASSWORD"`],
		[fx.at(13, 16), `ConfigMap "app" holds a credential in key "server.pem"`],
	}
	every f in findings {
		not contains(f.message, "hunter2")
	}
}

test_tg_k8s_049_compliant if {
	count(fx.ids(secrets.deny, "TG-K8S-049")) == 0 with input as config_map(safe_data)
}

test_secrets_rules_ignore_other_kinds if {
	count(secrets.deny) == 0 with input as fx.with_type(fx.deployment(bad_spec), "Service")
	count(secrets.deny) == 0 with input as fx.with_type(config_map({"DB_PASSWORD": "x"}), "Secret")
}
