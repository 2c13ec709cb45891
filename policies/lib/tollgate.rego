# METADATA
# title: tollgate helper library
# description: |
#   Helpers every policy, built in or user-supplied, uses to turn the offending
#   object into a finding with its exact location. Every object in `input.resource`
#   carries `__loc` = {path, start_line, end_line, attrs: {key: {start_line, end_line, unknown?}}};
#   image documents carry `__loc` = {image, digest}.
package tollgate.lib

import rego.v1

# loc(obj) is the location of obj: its own block or mapping.
loc(obj) := object.remove(obj.__loc, ["attrs"])

# attr_loc(obj, key) is the location of the attribute key of obj: the lines of
# the attribute itself when known (in its own file when it is written in
# another file than obj, as a Kustomize patch does), else the lines of obj.
attr_loc(obj, key) := object.union(loc(obj), object.filter(a, {"path", "start_line", "end_line"})) if {
	a := obj.__loc.attrs[key]
	a.start_line
} else := loc(obj)

# unknown(obj, key) holds when the value of key could not be known statically
# (it refers to another resource's output, an unset variable...). Rules must
# never fire on an unknown value.
unknown(obj, key) if obj.__loc.attrs[key].unknown

# missing(obj, key) holds when key is absent from obj and not merely unknown.
missing(obj, key) if {
	not has_key(obj, key)
	not unknown(obj, key)
}

has_key(obj, key) if _ = obj[key]

# is_true/is_false accept booleans and the strings Terraform and YAML users
# write for them.
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) == "false"
}

# param(name) is a rule parameter: the organisation's value from the config
# file (data.config.params) or the built-in default.
param(name) := v if {
	v := data.config.params[name]
} else := data.tollgate.params.defaults[name]

# finding(meta, location, msg) is the result a rule adds to `deny`; meta is
# rego.metadata.rule(), whose custom.id names the rule.
finding(meta, location, msg) := {
	# A rule without its own METADATA id is reported under its package.
	"rule_id": object.get(meta, ["custom", "id"], ""),
	"message": msg,
	"location": location,
}
