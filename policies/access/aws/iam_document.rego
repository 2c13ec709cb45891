# METADATA
# title: aws_iam_policy_document data sources as IAM policy documents
# description: |
#   Turns the body of a data "aws_iam_policy_document" into the IAM policy JSON the
#   provider renders from it, so that the rules written for policy JSON judge both forms
#   with the same helpers (data.tollgate.access.aws.helpers). Each statement block
#   becomes a statement object (Effect, which defaults to Allow, Action, NotAction,
#   Resource, NotResource, Principal, NotPrincipal, Condition, Sid) that keeps the
#   block's __loc, so a rule can report the very statement. What the scanner could not
#   know never turns into a grant: an unknown effect leaves Effect out, unknown
#   not_actions or not_resources leave NotAction or NotResource out, and an unknown
#   principals or condition block (a dynamic block, unknown identifiers or values) is a
#   Principal or Condition that holds the key "__unknown", so the statement has a
#   principal or a condition that no rule reads as "*" or as a known key. A document
#   some of whose statements are unknown (a dynamic statement block, a
#   source_policy_documents or override_policy_documents entry that refers to another
#   document) carries "__partial": true: a rule must then not conclude that no
#   statement denies or narrows a grant.
package tollgate.access.aws.iam_document

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# document(r) is the policy document of the data source body r: {"Statement": [...],
# "__partial": bool}. helpers.statements() accepts it as any other document.
document(r) := {"Statement": statements(r), "__partial": partial(r)}

# identity_document(r) is document(r) without the statements that name a Principal or
# NotPrincipal: those belong to resource-based policies and trust policies (a KMS key
# policy, a bucket policy, an assume_role_policy), where Resource "*" means the
# resource the policy is attached to. The rest is what an identity policy grants.
identity_document(r) := {"Statement": [s | some s in statements(r); not principal_statement(s)], "__partial": partial(r)}

# identity_statements(r) are the statements of identity_document(r).
identity_statements(r) := identity_document(r).Statement

# principal_statement(s): s names a Principal or NotPrincipal (or one that is unknown).
principal_statement(s) if "Principal" in object.keys(s)

principal_statement(s) if "NotPrincipal" in object.keys(s)

# statements(r): the statement blocks, then the statements of the known
# source_policy_documents and override_policy_documents, as the provider merges them:
# a statement block replaces a source statement of the same Sid, an override statement
# replaces a statement block of the same Sid.
statements(r) := array.concat(
	array.concat(
		[s | some s in source_statements(r); not object.get(s, "Sid", null) in block_sids(r)],
		[s | some s in block_statements(r); not overridden(r, s)],
	),
	override_statements(r),
)

block_statements(r) := [statement(b) | some b in blocks(r)]

blocks(r) := [b | some b in r.statement; is_object(b)] if is_array(r.statement)

else := []

block_sids(r) := {s.Sid | some s in block_statements(r); is_string(s.Sid)}

# A statement block is overridden by an override statement with its Sid; when the
# override documents are unknown, any statement block with a Sid may be.
overridden(r, s) if {
	is_string(s.Sid)
	some o in override_statements(r)
	o.Sid == s.Sid
}

overridden(r, s) if {
	is_string(s.Sid)
	lib.unknown(r, "override_policy_documents")
}

source_statements(r) := json_statements(r, "source_policy_documents")

override_statements(r) := json_statements(r, "override_policy_documents")

# json_statements(r, key): the statements of the JSON documents listed in r[key], each
# located on the attribute's lines.
json_statements(r, key) := [object.union(s, {"__loc": lib.attr_loc(r, key)}) |
	some doc in r[key]
	some s in helpers.statements(doc)
] if is_array(r[key])

else := []

partial(r) if lib.unknown(r, "statement")

partial(r) if lib.unknown(r, "source_policy_documents")

partial(r) if lib.unknown(r, "override_policy_documents")

partial(r) if {
	some key in ["source_policy_documents", "override_policy_documents"]
	some doc in r[key]
	not helpers.document(doc)
}

default partial(_) := false

# statement(b) is the statement object of a statement block.
statement(b) := object.union_n([
	object.filter(b, {"__loc"}),
	effect(b),
	list_field(b, "sid", "Sid"),
	list_field(b, "actions", "Action"),
	list_field(b, "resources", "Resource"),
	exact_list_field(b, "not_actions", "NotAction"),
	exact_list_field(b, "not_resources", "NotResource"),
	principal_field(b, "principals", "Principal"),
	principal_field(b, "not_principals", "NotPrincipal"),
	condition_field(b),
])

# The provider's default effect is Allow; an unknown effect stays unknown.
effect(b) := {"Effect": b.effect} if is_string(b.effect)

else := {} if lib.unknown(b, "effect")

else := {"Effect": "Allow"}

# list_field: the known items of actions or resources (an item the scanner could not
# know is left out: the known ones are still granted).
list_field(b, key, name) := {name: b[key]} if {
	b[key] != null
} else := {}

# exact_list_field: not_actions and not_resources only when they are wholly known; an
# unknown item could exclude anything.
exact_list_field(b, key, name) := {name: b[key]} if {
	b[key] != null
	not lib.unknown(b, key)
} else := {}

unknown_marker := {"__unknown": true}

principal_field(b, key, name) := {name: unknown_marker} if {
	lib.unknown(b, key)
} else := {name: principal(b[key])} if {
	is_array(b[key])
	count(b[key]) > 0
} else := {}

# principal(blocks): type "*" with identifiers ["*"] renders as Principal "*"; other
# types map to their identifiers. A block whose type or identifiers are unknown makes
# the principal unknown.
principal(blocks) := unknown_marker if {
	some p in blocks
	principal_unknown(p)
} else := "*" if {
	some p in blocks
	p.type == "*"
} else := {t: ids |
	some p in blocks
	t := p.type
	is_string(t)
	ids := [id | some q in blocks; q.type == t; some id in helpers.as_list(q.identifiers)]
}

principal_unknown(p) if lib.unknown(p, "type")

principal_unknown(p) if lib.unknown(p, "identifiers")

principal_unknown(p) if not is_object(p)

condition_field(b) := {"Condition": unknown_marker} if {
	lib.unknown(b, "condition")
} else := {"Condition": condition(b.condition)} if {
	is_array(b.condition)
	count(b.condition) > 0
} else := {}

# condition(blocks) is the Condition map {test: {variable: values}}; a block with an
# unknown part makes the Condition hold "__unknown" beside the known tests.
condition(blocks) := object.union(
	{t: vars |
		some c in blocks
		t := c.test
		is_string(t)
		vars := {v: vals |
			some d in blocks
			d.test == t
			v := d.variable
			is_string(v)
			vals := [x | some e in blocks; e.test == t; e.variable == v; some x in helpers.as_list(e.values)]
		}
	},
	unknown_condition(blocks),
)

unknown_condition(blocks) := unknown_marker if {
	some c in blocks
	some key in ["test", "variable", "values"]
	not known_key(c, key)
} else := {}

known_key(c, key) if {
	is_object(c)
	c[key] != null
	not lib.unknown(c, key)
}

# ---------------------------------------------------------------------------
# Shared by the rules that judge documents of both forms.

# conditional(s): the statement has a Condition (or one that is unknown). A Condition
# map read from a template carries its __loc, which does not count.
conditional(s) if count(object.remove(s.Condition, ["__loc"])) > 0

conditional(s) if {
	s.Condition != null
	not is_object(s.Condition)
}

conditional(s) if lib.unknown(s, "Condition")

# location(s, d) is where a finding about statement s goes: its own lines when it has
# them (a statement block, a statement written in a CloudFormation template), else d
# (the attribute that holds the policy JSON).
location(s, d) := lib.loc(s) if s.__loc.start_line

else := d
