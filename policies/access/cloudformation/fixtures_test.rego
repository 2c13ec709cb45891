# Builders for the CloudFormation rules' tests: documents shaped as the CloudFormation
# scanner emits them, every map with its __loc and the lines of its scalar properties.
package tollgate.access.cloudformation.fixtures_test

import rego.v1

path := "stack/template.yaml"

# L(start, end, attrs) is a __loc: attrs maps a key to its line, to [start, end], or to
# a position object such as U(line).
L(start, end, attrs) := {
	"path": path,
	"start_line": start,
	"end_line": end,
	"attrs": {k: span(n) | some k, n in attrs},
}

span(n) := {"start_line": n, "end_line": n} if is_number(n)

span(n) := {"start_line": n[0], "end_line": n[1]} if is_array(n)

span(n) := n if is_object(n)

# U(line) is the position of a property the scanner could not resolve (left out of its
# map and marked unknown).
U(line) := {"start_line": line, "end_line": line, "unknown": true}

# M(start, end, attrs, fields) is a nested map written on lines start-end.
M(start, end, attrs, fields) := object.union(fields, {"__loc": L(start, end, attrs)})

# at(start, end) is a finding's location.
at(start, end) := {"path": path, "start_line": start, "end_line": end}

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# only(findings, id) is the one finding of rule id; undefined unless there is exactly one.
only(findings, id) := f if {
	fs := ids(findings, id)
	count(fs) == 1
	some f in fs
}

# resource(typ, name, props, attrs, end) is the document of a resource whose
# Properties (props, their scalar lines in attrs) run from line 3 to end:
#  1 NAME:
#  2   Type: TYPE
#  3   Properties:
#  4     ...
resource(typ, name, props, attrs, end) := {
	"format": "cloudformation",
	"type": typ,
	"name": name,
	"address": name,
	"path": path,
	"resource": {
		"Type": typ,
		"Properties": M(3, end, attrs, props),
		"__loc": L(1, end, {"Type": 2}),
	},
}

# with_entry(doc, key, value, line) adds a resource attribute such as DeletionPolicy,
# written on line (after the Properties).
with_entry(doc, key, value, line) := json.patch(doc, [
	{"op": "add", "path": sprintf("/resource/%s", [key]), "value": value},
	{"op": "add", "path": sprintf("/resource/__loc/attrs/%s", [key]), "value": span(line)},
	{"op": "replace", "path": "/resource/__loc/end_line", "value": line},
])
