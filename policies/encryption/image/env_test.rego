package tollgate.encryption.image.env_test

import data.tollgate.access.image.fixtures_test as fx
import data.tollgate.encryption.image.env
import rego.v1

test_tg_img_008_violation if {
	vars := [{"name": "PATH", "value": "/usr/bin"}, {"name": "NODE_TLS_REJECT_UNAUTHORIZED", "value": "0"}]
	f := fx.only(env.deny, "TG-IMG-008") with input as fx.image({"env": vars}, [])
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" disables TLS certificate verification (NODE_TLS_REJECT_UNAUTHORIZED=0)`
}

test_tg_img_008_compliant if {
	vars := [
		{"name": "NODE_TLS_REJECT_UNAUTHORIZED", "value": "1"},
		{"name": "PYTHONHTTPSVERIFY", "value": "1"},
		{"name": "NPM_CONFIG_STRICT_SSL", "value": "true"},
		{"name": "PIP_TRUSTED_HOST", "value": ""},
		{"name": "NODE_EXTRA_CA_CERTS", "value": "/etc/ssl/corp-ca.pem"},
	]
	count(env.deny) == 0 with input as fx.image({"env": vars}, [])
}

test_tg_img_008_each_tool if {
	vars := [
		{"name": "PYTHONHTTPSVERIFY", "value": "0"},
		{"name": "npm_config_strict_ssl", "value": "False"},
		{"name": "GIT_SSL_NO_VERIFY", "value": ""},
		{"name": "PIP_TRUSTED_HOST", "value": "pypi.corp.example"},
	]
	findings := fx.ids(env.deny, "TG-IMG-008") with input as fx.image({"env": vars}, [])
	count(findings) == 4
}
