package tollgate.access.image.exposure_test

import data.tollgate.access.image.exposure
import data.tollgate.access.image.fixtures_test as fx
import rego.v1

test_tg_img_003_violation if {
	f := fx.only(exposure.deny, "TG-IMG-003") with input as fx.image({"exposed_ports": ["22/tcp", "8080/tcp"]}, [fx.hello])
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" exposes administrative port 22/tcp`
}

test_tg_img_003_compliant if {
	count(exposure.deny) == 0 with input as fx.image({}, [fx.hello])
	count(exposure.deny) == 0 with input as fx.image({"exposed_ports": ["2222/tcp", "13389/tcp"]}, [])
}

test_tg_img_003_rdp_and_udp if {
	findings := fx.ids(exposure.deny, "TG-IMG-003") with input as fx.image({"exposed_ports": ["3389/tcp", "3389/udp"]}, [])
	count(findings) == 2
}

test_tg_img_003_follows_admin_ports if {
	d := fx.image({"exposed_ports": ["22/tcp", "8080/tcp"]}, [])
	f := fx.only(exposure.deny, "TG-IMG-003") with input as d with data.config.params as {"admin_ports": ["8080", 5900]}
	f.message == `image "registry.example/app:1.4" exposes administrative port 8080/tcp`
}

test_tg_img_004_violation if {
	packages := [fx.hello, fx.pkg("sudo", "1.9.13p3-1", "deb", ["ISC"]), fx.pkg("sudo", "1.0.0", "npm", ["MIT"])]
	f := fx.only(exposure.deny, "TG-IMG-004") with input as fx.image({}, packages)
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" installs sudo (package sudo 1.9.13p3-1)`
}

test_tg_img_004_compliant if {
	count(fx.ids(exposure.deny, "TG-IMG-004")) == 0 with input as fx.image({}, [fx.hello, fx.pkg("openssh-client", "1:9.2p1-2", "deb", ["BSD-2-Clause"])])
}

test_tg_img_004_servers if {
	packages := [fx.pkg("openssh-server", "9.7_p1-r4", "apk", ["SSH-OpenSSH"]), fx.pkg("dropbear", "2022.83-r4", "apk", ["MIT"])]
	findings := fx.ids(exposure.deny, "TG-IMG-004") with input as fx.image({}, packages)
	{f.message | some f in findings} == {
		`image "registry.example/app:1.4" installs an SSH server (package openssh-server 9.7_p1-r4)`,
		`image "registry.example/app:1.4" installs an SSH server (package dropbear 2022.83-r4)`,
	}
}

proxy_env := [
	{"name": "PATH", "value": "/usr/bin:/bin"},
	{"name": "https_proxy", "value": "http://build:Pr0xyPass@proxy.corp.example:3128"},
]

test_tg_img_005_violation if {
	f := fx.only(exposure.deny, "TG-IMG-005") with input as fx.image({"env": proxy_env}, [])
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" embeds credentials in the URL of environment variable "https_proxy"`
	not contains(f.message, "Pr0xyPass")
}

test_tg_img_005_compliant if {
	env := [
		{"name": "https_proxy", "value": "http://proxy.corp.example:3128"},
		{"name": "DOCS", "value": "see https://example.com/a:b@c"},
		{"name": "MAILTO", "value": "ops@example.com"},
	]
	count(exposure.deny) == 0 with input as fx.image({"env": env}, [])
}

test_tg_img_005_any_url_and_secret_names_left_to_tg_img_002 if {
	env := [
		{"name": "DATABASE_URL", "value": "postgres://app:s3cret@db:5432/app"},
		{"name": "DB_PASSWORD_URL", "value": "postgres://app:s3cret@db:5432/app"},
	]
	f := fx.only(exposure.deny, "TG-IMG-005") with input as fx.image({"env": env}, [])
	f.message == `image "registry.example/app:1.4" embeds credentials in the URL of environment variable "DATABASE_URL"`
}
