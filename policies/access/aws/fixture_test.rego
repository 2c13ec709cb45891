# METADATA
# title: Terraform test fixtures
# description: |
#   Builders of Terraform policy inputs for the AWS rule tests: a resource body with
#   the __loc of a block of main.tf, the document around it, related resources, and
#   the locations the rules are expected to report.
package tollgate.access.aws.fixture

import rego.v1

path := "main.tf"

# unknown is the value to give an attribute Terraform cannot know statically: block()
# leaves it out of the body and marks it unknown in __loc.attrs, as the scanner does.
unknown := {"__unknown__": true}

# block(start, end, body, lines) is a block of main.tf spanning lines start..end with
# the attributes of body; attribute k is on line lines[k], or on lines [a, b] when it
# spans several (nested blocks carry their own __loc and take no line).
block(start, end, body, lines) := object.union(
	{k: v | some k, v in body; v != unknown},
	{"__loc": {
		"path": path, "start_line": start, "end_line": end,
		"attrs": {k: attr(v, lines[k]) | some k, v in body; lines[k]},
	}},
)

attr(v, line) := object.union(lines_of(line), {"unknown": true}) if {
	v == unknown
} else := lines_of(line)

lines_of(line) := {"start_line": line, "end_line": line} if is_number(line)

lines_of(line) := {"start_line": line[0], "end_line": line[1]} if is_array(line)

# doc(type, name, body) is the document of resource `type.name` with nothing related.
doc(type, name, body) := {
	"format": "terraform",
	"type": type,
	"name": name,
	"address": concat(".", [type, name]),
	"path": path,
	"resource": body,
	"related": {},
}

# with_related(d, type, bodies) is document d with related resources of type.
with_related(d, type, bodies) := json.patch(d, [{"op": "add", "path": concat("/", ["", "related", type]), "value": bodies}])

# at(line) is the location of one line of main.tf; span(a, b) of lines a to b.
at(line) := {"path": path, "start_line": line, "end_line": line}

span(a, b) := {"path": path, "start_line": a, "end_line": b}

# ids(findings, id) are the findings of rule id.
ids(findings, id) := {f | some f in findings; f.rule_id == id}

# found(findings, id, location, msg): findings hold exactly this finding of rule id.
found(findings, id, location, msg) if {
	some f in findings
	f.rule_id == id
	f.location == location
	f.message == msg
}
