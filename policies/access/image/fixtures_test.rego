# Builders for the image and SBOM rules' tests: image documents shaped as the image
# scanner emits them; every object's __loc is the image's location.
package tollgate.access.image.fixtures_test

import rego.v1

image_loc := {"image": "registry.example/app:1.4", "digest": "sha256:4d2a7c1e9b0f3a6d8c5e2b1f0a9d8c7b6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"}

base_config := {
	"user": "10001:10001",
	"env": [{"name": "PATH", "value": "/usr/local/bin:/usr/bin:/bin"}],
	"exposed_ports": ["8080/tcp"],
	"labels": {
		"org.opencontainers.image.source": "https://git.example/app",
		"org.opencontainers.image.revision": "0c1e3f5a",
		"__loc": image_loc,
	},
	"entrypoint": ["/app"],
	"cmd": [],
	"working_dir": "/srv",
	"os": "linux",
	"architecture": "amd64",
	"__loc": image_loc,
}

# image(config, packages) is the document of image registry.example/app:1.4 whose
# config is base_config with the fields of config replaced.
image(config, packages) := {
	"format": "image",
	"type": "container_image",
	"name": "registry.example/app:1.4",
	"address": "registry.example/app",
	"path": "registry.example/app:1.4",
	"resource": {
		"reference": "registry.example/app:1.4",
		"digest": image_loc.digest,
		"config": object.union(object.remove(base_config, object.keys(config)), config),
		"packages": packages,
		"__loc": image_loc,
	},
}

# pkg(name, version, type, licenses) is an SBOM package.
pkg(name, version, type, licenses) := {
	"name": name,
	"version": version,
	"type": type,
	"purl": sprintf("pkg:%s/%s@%s", [type, name, version]),
	"licenses": licenses,
	"__loc": image_loc,
}

hello := pkg("hello", "2.10-3", "deb", ["GPL-3.0-or-later"])

ids(findings, id) := {f | some f in findings; f.rule_id == id}

only(findings, id) := f if {
	fs := ids(findings, id)
	count(fs) == 1
	some f in fs
}
