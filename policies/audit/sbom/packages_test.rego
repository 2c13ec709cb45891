package tollgate.audit.sbom.packages_test

import data.tollgate.access.image.fixtures_test as fx
import data.tollgate.audit.sbom.packages
import rego.v1

agpl := fx.pkg("mongo-tools", "100.9.4", "deb", ["AGPL-3.0-only"])

test_tg_sbom_001_violation if {
	f := fx.only(packages.deny, "TG-SBOM-001") with input as fx.image({}, [fx.hello, agpl])
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" contains package mongo-tools 100.9.4 (deb) under denied license AGPL-3.0-only`
}

test_tg_sbom_001_compliant if {
	count(fx.ids(packages.deny, "TG-SBOM-001")) == 0 with input as fx.image({}, [fx.hello])
}

test_tg_sbom_001_expressions if {
	denied_forms := ["agpl-3.0-or-later", "AGPL-3.0", "AGPL-3.0+", "MIT AND SSPL-1.0", "(AGPL-3.0-only OR SSPL-1.0)", "GPL-2.0-only WITH Classpath-exception-2.0 AND AGPL-1.0-only"]
	every l in denied_forms {
		count(fx.ids(packages.deny, "TG-SBOM-001")) == 1 with input as fx.image({}, [fx.pkg("p", "1", "npm", [l])])
	}
	allowed_forms := ["MIT OR AGPL-3.0-only", "(AGPL-3.0-only or Apache-2.0)", "GPL-3.0-only", "LGPL-3.0-or-later", "AGPL"]
	every l in allowed_forms {
		count(fx.ids(packages.deny, "TG-SBOM-001")) == 0 with input as fx.image({}, [fx.pkg("p", "1", "npm", [l])])
	}
}

test_tg_sbom_001_follows_denied_licenses if {
	d := fx.image({}, [fx.hello, agpl])
	f := fx.only(packages.deny, "TG-SBOM-001") with input as d with data.config.params as {"denied_licenses": ["GPL-3.0-or-later"]}
	f.message == `image "registry.example/app:1.4" contains package hello 2.10-3 (deb) under denied license GPL-3.0-or-later`
}

test_tg_sbom_002_violation if {
	d := fx.image({}, [fx.hello, fx.pkg("event-stream", "3.3.6", "npm", ["MIT"])])
	f := fx.only(packages.deny, "TG-SBOM-002") with input as d with data.config.params as {"banned_packages": ["Event-Stream"]}
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" contains banned package event-stream 3.3.6 (npm)`
}

test_tg_sbom_002_compliant if {
	d := fx.image({}, [fx.hello, fx.pkg("event-stream", "3.3.6", "npm", ["MIT"])])
	count(fx.ids(packages.deny, "TG-SBOM-002")) == 0 with input as d
	count(fx.ids(packages.deny, "TG-SBOM-002")) == 0 with input as d with data.config.params as {"banned_packages": ["left-pad"]}
}

test_tg_sbom_002_by_package_url if {
	d := fx.image({}, [fx.pkg("log4j-core", "2.14.1", "java-archive", ["Apache-2.0"]), fx.pkg("log4j-core", "2.14.1", "npm", ["MIT"])])
	banned := {"banned_packages": ["pkg:java-archive/log4j-core"]}
	f := fx.only(packages.deny, "TG-SBOM-002") with input as d with data.config.params as banned
	f.message == `image "registry.example/app:1.4" contains banned package log4j-core 2.14.1 (java-archive)`
}

test_tg_sbom_003_violation if {
	d := fx.image({}, [fx.hello, fx.pkg("golang.org/x/net", "v0.25.0", "go-module", [])])
	f := fx.only(packages.deny, "TG-SBOM-003") with input as d
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" contains package golang.org/x/net v0.25.0 (go-module) with no license`
}

test_tg_sbom_003_compliant if {
	count(fx.ids(packages.deny, "TG-SBOM-003")) == 0 with input as fx.image({}, [fx.hello])
}

test_tg_sbom_004_violation if {
	d := fx.image({}, [fx.hello, fx.pkg("vendored-lib", "", "binary", ["MIT"])])
	f := fx.only(packages.deny, "TG-SBOM-004") with input as d
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" contains package "vendored-lib" (binary) with no version`
}

test_tg_sbom_004_compliant if {
	count(fx.ids(packages.deny, "TG-SBOM-004")) == 0 with input as fx.image({}, [fx.hello])
}

test_tg_sbom_005_violation if {
	f := fx.only(packages.deny, "TG-SBOM-005") with input as fx.image({}, [])
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" has an empty SBOM: no package was catalogued`
}

test_tg_sbom_005_compliant if {
	count(packages.deny) == 0 with input as fx.image({}, [fx.hello])
}

test_tg_sbom_002_source_tree_violation if {
	tree := {
		"format": "sbom", "type": "source_tree", "name": ".", "address": "source:.", "path": ".",
		"resource": {
			"__loc": {"path": ".", "start_line": 1, "end_line": 1},
			"packages": [{"name": "left-pad", "version": "1.3.0", "type": "python", "licenses": [],
				"__loc": {"path": "requirements.txt", "start_line": 4, "end_line": 4}}],
		},
	}
	some f in packages.deny with input as tree with data.config.params as {"banned_packages": ["left-pad"]}
	f.rule_id == "TG-SBOM-002"
	f.location == {"path": "requirements.txt", "start_line": 4, "end_line": 4}
	startswith(f.message, "source tree \".\" contains banned package left-pad")
}
