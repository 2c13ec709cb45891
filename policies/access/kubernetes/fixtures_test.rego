# Builders for the Kubernetes rules' tests: documents shaped as the Kubernetes scanner
# emits them, every mapping with its __loc and the lines of its scalar attributes.
package tollgate.access.kubernetes.fixtures_test

import rego.v1

path := "k8s/app.yaml"

# L(start, end, attrs) is a __loc: attrs maps a key to its line, or to [start, end].
L(start, end, attrs) := {
	"path": path,
	"start_line": start,
	"end_line": end,
	"attrs": {k: span(n) | some k, n in attrs},
}

span(n) := {"start_line": n, "end_line": n} if is_number(n)

span(n) := {"start_line": n[0], "end_line": n[1]} if is_array(n)

# at(start, end) is a finding's location.
at(start, end) := {"path": path, "start_line": start, "end_line": end}

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# only(findings, id) is the one finding of rule id; undefined unless there is exactly one.
only(findings, id) := f if {
	fs := ids(findings, id)
	count(fs) == 1
	some f in fs
}

# doc(kind, name, resource) is the document of a manifest in namespace shop.
doc(kind, name, resource) := {
	"format": "kubernetes",
	"type": kind,
	"name": name,
	"address": sprintf("%s/%s/shop/%s", [resource.apiVersion, kind, name]),
	"path": path,
	"resource": resource,
}

# manifest(api, kind, name, body, attrs, end) is a manifest whose metadata is on lines 3-5
# (name on 4, namespace shop on 5), whose other top-level fields are body (their scalar
# lines in attrs) and whose last line is end.
#  1 apiVersion: API
#  2 kind: KIND
#  3 metadata:
#  4   name: NAME
#  5   namespace: shop
manifest(api, kind, name, body, attrs, end) := doc(kind, name, object.union(body, {
	"apiVersion": api,
	"kind": kind,
	"metadata": {"name": name, "namespace": "shop", "__loc": L(3, 5, {"name": 4, "namespace": 5})},
	"__loc": L(1, end, object.union({"apiVersion": 1, "kind": 2}, attrs)),
}))

# deployment(spec) is Deployment "web" whose pod spec (spec.template.spec) is spec:
#  6 spec:
#  7   template:
#  8     spec:        <- spec.__loc starts here
deployment(spec) := manifest(
	"apps/v1", "Deployment", "web", {"spec": {
		"template": {"spec": spec, "__loc": L(7, spec.__loc.end_line, {})},
		"__loc": L(6, spec.__loc.end_line, {}),
	}},
	{}, spec.__loc.end_line,
)

# pod(spec) is Pod "web" with the same pod spec at spec.
pod(spec) := manifest("v1", "Pod", "web", {"spec": spec}, {}, spec.__loc.end_line)

# cronjob(spec) is CronJob "web" with the pod spec at spec.jobTemplate.spec.template.spec.
cronjob(spec) := manifest(
	"batch/v1", "CronJob", "web", {"spec": {
		"schedule": "0 3 * * *",
		"jobTemplate": {
			"spec": {
				"template": {"spec": spec, "__loc": L(7, spec.__loc.end_line, {})},
				"__loc": L(7, spec.__loc.end_line, {}),
			},
			"__loc": L(7, spec.__loc.end_line, {}),
		},
		"__loc": L(6, spec.__loc.end_line, {"schedule": 6}),
	}},
	{}, spec.__loc.end_line,
)

# with_type(d, kind) is d presented as another kind, to check rules ignore it.
with_type(d, kind) := json.patch(d, [{"op": "replace", "path": "/type", "value": kind}])
