# METADATA
# title: value checks
# description: |
#   The evaluator of the data-driven rules of policies/checks/*.yaml: "attribute X of
#   resource type T must satisfy E; when X is unset its value is the provider's default D".
#   Each entry of those files becomes a rule of its own (id, METADATA, tests) whose body calls
#   hits(input.resource, spec). Nested blocks may be lists of objects (Terraform) or objects
#   (Kubernetes, CloudFormation); both are walked.
package tollgate.lib.checks

import data.tollgate.lib
import rego.v1

# hits(resource, spec) is the set of {location, value} where resource breaks spec:
#   spec.path     the attribute's path, a list of keys (at most 5);
#   spec.expect   {op: equals|not_equals|one_of|not_one_of|is_true|is_false|at_least|at_most|present|matches,
#                  value: ...};
#   spec.default  (optional) the value an unset attribute has, also when the blocks that
#                 would hold it are absent (the provider creates them with their defaults);
#                 without it an unset attribute passes, except for the op "present";
#   spec.optional a list of booleans, one per key of path: true for a block whose absence
#                 means there is nothing to check (written key? in the checks file).
# A value that is unknown (computed, a variable without a value) never produces a hit, nor
# does anything below it.
hits(resource, spec) := {h |
	some h in value_hits(resource, spec)
} | {h |
	some h in unset_hits(resource, spec)
}

# levels(r, p): levels[i] holds the objects reached by the first i keys of p.
levels(r, p) := [{r}] if count(p) == 1

levels(r, p) := [{r}, l1] if {
	count(p) == 2
	l1 := step({r}, p[0])
}

levels(r, p) := [{r}, l1, l2] if {
	count(p) == 3
	l1 := step({r}, p[0])
	l2 := step(l1, p[1])
}

levels(r, p) := [{r}, l1, l2, l3] if {
	count(p) == 4
	l1 := step({r}, p[0])
	l2 := step(l1, p[1])
	l3 := step(l2, p[2])
}

levels(r, p) := [{r}, l1, l2, l3, l4] if {
	count(p) == 5
	l1 := step({r}, p[0])
	l2 := step(l1, p[1])
	l3 := step(l2, p[2])
	l4 := step(l3, p[3])
}

step(objs, key) := {c | some o in objs; some c in children(o, key)}

children(o, key) := {c | some c in o[key]; is_object(c)} if is_array(o[key])

children(o, key) := {o[key]} if is_object(o[key])

# A value that is set and breaks the expectation: located on the attribute.
value_hits(r, spec) := {{"location": lib.attr_loc(o, key), "value": v} |
	ls := levels(r, spec.path)
	key := spec.path[count(spec.path) - 1]
	some o in ls[count(spec.path) - 1]
	v := o[key]
	not empty_block(v)
	not ok(spec.expect, v)
}

# An unset value whose default breaks the expectation: located on the deepest object that
# is there (the resource, or the block that lacks the attribute or sub-block).
unset_hits(r, spec) := {{"location": lib.loc(o), "value": "(unset)"} |
	unset_fails(spec)
	ls := levels(r, spec.path)
	some i in numbers.range(0, count(spec.path) - 1)
	not spec.optional[i]
	some o in ls[i]
	absent(o, spec.path[i])
}

absent(o, key) if lib.missing(o, key)

# An empty block list (`dynamic` over nothing, `[]` in a plan) is an unset block.
absent(o, key) if {
	not lib.unknown(o, key)
	empty_block(o[key])
}

empty_block(v) if v == []

empty_block(v) if v == null

unset_fails(spec) if {
	spec.expect.op == "present"
	not has_default(spec)
}

unset_fails(spec) if {
	has_default(spec)
	not ok(spec.expect, spec.default)
}

has_default(spec) if _ = spec.default

ok(e, v) if {
	e.op == "equals"
	same(v, e.value)
}

ok(e, v) if {
	e.op == "not_equals"
	not same(v, e.value)
}

ok(e, v) if {
	e.op == "one_of"
	some x in e.value
	same(v, x)
}

ok(e, v) if {
	e.op == "not_one_of"
	not one_of(v, e.value)
}

ok(e, v) if {
	e.op == "is_true"
	lib.is_true(v)
}

ok(e, v) if {
	e.op == "is_false"
	lib.is_false(v)
}

ok(e, v) if {
	e.op == "at_least"
	to_number(v) >= e.value
}

ok(e, v) if {
	e.op == "at_most"
	to_number(v) <= e.value
}

ok(e, v) if {
	e.op == "present"
	not blank(v)
}

ok(e, v) if {
	e.op == "matches"
	is_string(v)
	regex.match(e.value, v)
}

one_of(v, list) if {
	some x in list
	same(v, x)
}

blank(v) if v == ""

blank(v) if v == []

blank(v) if v == {}

blank(v) if v == null

# same(v, want): equal values, booleans also written as strings ("true"), numbers also
# written as strings ("7").
same(v, want) if v == want

same(v, want) if {
	is_boolean(want)
	want == true
	lib.is_true(v)
}

same(v, want) if {
	is_boolean(want)
	want == false
	lib.is_false(v)
}

same(v, want) if {
	is_number(want)
	is_string(v)
	to_number(v) == want
}

same(v, want) if {
	is_string(want)
	is_number(v)
	to_number(want) == v
}

# message(template, name, value) fills {name} and {value} in a check's message.
message(template, name, value) := strings.replace_n({"{name}": sprintf("%v", [name]), "{value}": shown(value)}, template)

shown(v) := v if is_string(v)

shown(v) := sprintf("%v", [v]) if not is_string(v)
