package tollgate.lib_test

import data.tollgate.lib
import rego.v1

obj := {
	"acl": "public-read",
	"nested": {"__loc": {"path": "main.tf", "start_line": 5, "end_line": 7}},
	"__loc": {
		"path": "main.tf", "start_line": 1, "end_line": 9,
		"attrs": {"acl": {"start_line": 3, "end_line": 3}, "kms_key_id": {"unknown": true}},
	},
}

test_loc_drops_attrs if {
	lib.loc(obj) == {"path": "main.tf", "start_line": 1, "end_line": 9}
}

test_attr_loc_of_attribute if {
	lib.attr_loc(obj, "acl") == {"path": "main.tf", "start_line": 3, "end_line": 3}
}

# An attribute written in another file (a Kustomize patch) keeps its file.
test_attr_loc_in_another_file if {
	patched := object.union(obj, {"__loc": object.union(obj.__loc, {"attrs": {"hostNetwork": {"path": "overlay/kustomization.yaml", "start_line": 14, "end_line": 14}}})})
	lib.attr_loc(patched, "hostNetwork") == {"path": "overlay/kustomization.yaml", "start_line": 14, "end_line": 14}
}

test_attr_loc_falls_back_to_object if {
	lib.attr_loc(obj, "versioning") == {"path": "main.tf", "start_line": 1, "end_line": 9}
}

test_attr_loc_unknown_falls_back_to_object if {
	lib.attr_loc(obj, "kms_key_id") == {"path": "main.tf", "start_line": 1, "end_line": 9}
}

test_unknown_is_not_missing if {
	lib.unknown(obj, "kms_key_id")
	not lib.missing(obj, "kms_key_id")
	lib.missing(obj, "logging")
	not lib.missing(obj, "acl")
}

test_booleans if {
	lib.is_true(true)
	lib.is_true("TRUE")
	lib.is_false("false")
	not lib.is_false(true)
	not lib.is_true(1)
	not lib.is_true(null)
	not lib.is_false(0)
}

test_image_location_passes_through if {
	lib.loc({"__loc": {"image": "r/app:1", "digest": "sha256:ab"}}) == {"image": "r/app:1", "digest": "sha256:ab"}
}

test_param_default if {
	lib.param("min_backup_retention_days") == 7
}

test_param_override if {
	lib.param("min_backup_retention_days") == 30 with data.config.params as {"min_backup_retention_days": 30}
}

test_param_override_false_is_kept if {
	lib.param("flag") == false with data.config.params as {"flag": false}
}

test_finding_without_metadata_id if {
	f := lib.finding({}, {"path": "a.tf", "start_line": 1, "end_line": 1}, "m")
	f.rule_id == ""
	f.message == "m"
}
