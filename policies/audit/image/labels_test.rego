package tollgate.audit.image.labels_test

import data.tollgate.access.image.fixtures_test as fx
import data.tollgate.audit.image.labels
import rego.v1

no_labels := {"labels": {"__loc": fx.image_loc}}

test_tg_img_006_violation if {
	f := fx.only(labels.deny, "TG-IMG-006") with input as fx.image(no_labels, [])
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" has no org.opencontainers.image.source label`
}

test_tg_img_006_compliant if {
	count(fx.ids(labels.deny, "TG-IMG-006")) == 0 with input as fx.image({}, [])
	legacy := {"labels": {"org.label-schema.vcs-url": "https://git.example/app", "__loc": fx.image_loc}}
	count(fx.ids(labels.deny, "TG-IMG-006")) == 0 with input as fx.image(legacy, [])
}

test_tg_img_006_blank_value_fires if {
	blank := {"labels": {"org.opencontainers.image.source": " ", "__loc": fx.image_loc}}
	count(fx.ids(labels.deny, "TG-IMG-006")) == 1 with input as fx.image(blank, [])
}

test_tg_img_007_violation if {
	f := fx.only(labels.deny, "TG-IMG-007") with input as fx.image(no_labels, [])
	f.location == fx.image_loc
	f.message == `image "registry.example/app:1.4" has no org.opencontainers.image.revision label`
}

test_tg_img_007_compliant if {
	count(labels.deny) == 0 with input as fx.image({}, [])
	legacy := {"labels": {"org.label-schema.vcs-url": "https://git.example/app", "org.label-schema.vcs-ref": "0c1e3f5a", "__loc": fx.image_loc}}
	count(labels.deny) == 0 with input as fx.image(legacy, [])
}
