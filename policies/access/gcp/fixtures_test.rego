# Test fixtures shared by the tests of the GCP rules (access, encryption, backup,
# audit): Terraform resource documents with exact positions, written compactly.
package tollgate.access.gcp.fixtures_test

import rego.v1

# resource(type, name, body) is the policy input of one Terraform resource block whose
# body is body; nothing refers to it (related is empty).
resource(type, name, body) := {
	"format": "terraform",
	"type": type,
	"name": name,
	"address": concat(".", [type, name]),
	"path": body.__loc.path,
	"resource": body,
	"related": {},
}

# block(path, start, end, fields, lines) is a block body holding fields and spanning
# lines start..end of path. lines gives the line of each attribute; only the attributes
# present in fields keep theirs, so a fixture drops an attribute by leaving it out.
block(path, start, end, fields, lines) := object.union(fields, {"__loc": {
	"path": path,
	"start_line": start,
	"end_line": end,
	"attrs": {k: {"start_line": l, "end_line": l} | some k, l in lines; k in object.keys(fields)},
}})

# unknown(body, key, line) is body with attribute key unknown: absent from the body and
# marked unknown in its attrs, as the Terraform scanner leaves an unresolved reference.
unknown(body, key, line) := json.patch(object.remove(body, [key]), [{
	"op": "add",
	"path": concat("/", ["", "__loc", "attrs", key]),
	"value": {"start_line": line, "end_line": line, "unknown": true},
}])

# override(base, fields) is base with the attributes of fields replaced (a shallow
# merge: object.union would merge map-valued attributes such as metadata).
override(base, fields) := object.union(object.remove(base, object.keys(fields)), fields)

# related(doc, rel) is doc with input.related set to rel ({type: [bodies]}).
related(doc, rel) := object.union(doc, {"related": rel})

# ids(findings, id) are the findings of rule id.
ids(findings, id) := {f | some f in findings; f.rule_id == id}

# loc(path, line) is the location of a one-line attribute.
loc(path, line) := {"path": path, "start_line": line, "end_line": line}

# span(path, start, end) is the location of a block.
span(path, start, end) := {"path": path, "start_line": start, "end_line": end}
