package tollgate.access.aws.iam_document_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.iam
import data.tollgate.access.aws.iam_document
import data.tollgate.access.aws.iam_wildcards
import rego.v1

# data "aws_iam_policy_document" "app" {   # line 10
#   statement { ... }                     # lines 11-14
#   statement { ... }                     # lines 15-18
# }                                       # line 19
statement_lines := {"sid": 12, "effect": 12, "actions": 13, "resources": 14, "not_actions": 13, "not_resources": 14, "principals": 13, "not_principals": 13, "condition": 13}

first(body) := fx.block(11, 14, body, statement_lines)

second(body) := fx.block(15, 18, body, statement_lines)

document(statements) := fx.doc("data.aws_iam_policy_document", "app", fx.block(10, 19, {"statement": statements}, {"statement": [11, 18]}))

strip(s) := object.remove(s, ["__loc"])

test_statement_blocks_render_as_policy_json if {
	r := fx.block(10, 19, {"statement": [
		first({"actions": ["s3:GetObject"], "resources": ["*"]}),
		second({
			"sid": "Trust", "effect": "Deny", "not_actions": ["s3:*"], "not_resources": ["arn:aws:s3:::a"],
			"principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::123456789012:root"]}, {"type": "AWS", "identifiers": ["111111111111"]}, {"type": "Service", "identifiers": ["ec2.amazonaws.com"]}],
			"condition": [{"test": "StringEquals", "variable": "aws:PrincipalOrgID", "values": ["o-1"]}, {"test": "StringEquals", "variable": "aws:SourceAccount", "values": ["1"]}, {"test": "StringEquals", "variable": "aws:SourceAccount", "values": ["2"]}],
		}),
	]}, {})
	stmts := iam_document.statements(r)
	strip(stmts[0]) == {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["*"]}
	strip(stmts[1]) == {
		"Sid": "Trust", "Effect": "Deny", "NotAction": ["s3:*"], "NotResource": ["arn:aws:s3:::a"],
		"Principal": {"AWS": ["arn:aws:iam::123456789012:root", "111111111111"], "Service": ["ec2.amazonaws.com"]},
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-1"], "aws:SourceAccount": ["1", "2"]}},
	}
	stmts[0].__loc.start_line == 11
	iam_document.document(r).__partial == false
	count(iam_document.identity_statements(r)) == 1
}

test_star_principal_and_unknowns if {
	star := iam_document.statements({"statement": [{"principals": [{"type": "*", "identifiers": ["*"]}]}]})
	star[0].Principal == "*"
	r := {"statement": [first({"effect": fx.unknown, "actions": ["s3:GetObject"], "not_resources": fx.unknown, "principals": fx.unknown, "condition": fx.unknown})]}
	s := strip(iam_document.statements(r)[0])
	s == {"Action": ["s3:GetObject"], "Principal": {"__unknown": true}, "Condition": {"__unknown": true}}
	iam_document.principal_statement(s)
	iam_document.conditional(s)
	values := iam_document.statements({"statement": [first({"condition": [fx.block(13, 13, {"test": "StringLike", "variable": "x", "values": fx.unknown}, {"values": 13})]})]})
	values[0].Condition.__unknown
}

test_source_and_override_documents if {
	src := json.marshal({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Sid": "A", "Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]})
	ovr := json.marshal({"Statement": [{"Sid": "B", "Effect": "Deny", "Action": "kms:*", "Resource": "*"}]})
	r := fx.block(10, 19, {
		"source_policy_documents": [src], "override_policy_documents": [ovr],
		"statement": [first({"sid": "A", "actions": ["sns:Publish"]}), second({"sid": "B", "actions": ["kms:Decrypt"]})],
	}, {"source_policy_documents": 11, "override_policy_documents": 12})
	stmts := iam_document.statements(r)
	[strip(s) | some s in stmts] == [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Sid": "A", "Effect": "Allow", "Action": ["sns:Publish"]},
		{"Sid": "B", "Effect": "Deny", "Action": "kms:*", "Resource": "*"},
	]
	stmts[0].__loc == {"path": "main.tf", "start_line": 11, "end_line": 11}
	iam_document.document(r).__partial == false
	unknown := fx.block(10, 19, {"source_policy_documents": fx.unknown, "override_policy_documents": fx.unknown, "statement": [first({"sid": "A", "actions": ["s3:*"]}), second({"actions": ["s3:*"]})]}, {"source_policy_documents": 11, "override_policy_documents": 12})
	iam_document.document(unknown).__partial == true
	count(iam_document.statements(unknown)) == 1
}

test_location_of_statements if {
	iam_document.location({"__loc": {"path": "a.tf", "start_line": 3, "end_line": 5, "attrs": {}}}, "default") == {"path": "a.tf", "start_line": 3, "end_line": 5}
	iam_document.location({"Effect": "Allow"}, "default") == "default"
}

# The rules written for policy JSON judge data sources too.

test_tg_aws_050_on_a_data_source if {
	findings := iam.deny with input as document([first({"actions": ["*"], "resources": ["*"]})])
	fx.found(findings, "TG-AWS-050", fx.span(11, 14), `IAM policy document "app" allows every action on every resource (Action "*", Resource "*")`)
	count(iam.deny) == 0 with input as document([first({"actions": ["*"], "resources": ["*"], "effect": "Deny"})])
	count(iam.deny) == 0 with input as document([first({"actions": ["*"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::123456789012:root"]}]})])
	count(iam.deny) == 0 with input as document([first({"actions": ["*"], "resources": ["*"], "effect": fx.unknown})])
}

test_tg_aws_208_209_259_on_a_data_source if {
	wild := iam_wildcards.deny with input as document([first({"actions": ["s3:*"], "resources": ["arn:aws:s3:::acme/*"]})])
	fx.found(wild, "TG-AWS-208", fx.span(10, 19), `IAM policy document "app" allows every action of "s3:*"`)
	rw := iam_wildcards.deny with input as document([first({"actions": ["s3:Get*", "s3:Put*"], "resources": ["*"]})])
	fx.found(rw, "TG-AWS-209", fx.span(11, 14), `IAM policy document "app" allows reading and writing the objects of every S3 bucket (s3:Get*, s3:Put* on Resource "*")`)
	pass := iam_wildcards.deny with input as document([first({"actions": ["iam:PassRole"], "resources": ["*"]})])
	fx.found(pass, "TG-AWS-259", fx.span(11, 14), `IAM policy document "app" allows iam:PassRole on every role (iam:PassRole on Resource "*")`)
	# a key policy statement is not an identity grant
	count(iam_wildcards.deny) == 0 with input as document([first({"actions": ["kms:*"], "resources": ["*"], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::123456789012:root"]}]})])
	# statements the scanner cannot know may deny
	partial := fx.doc("data.aws_iam_policy_document", "app", fx.block(10, 19, {"statement": [first({"actions": ["s3:*"], "resources": ["*"]})]}, {"statement": [11, 18]}))
	count(iam_wildcards.deny) == 0 with input as json.patch(partial, [{"op": "add", "path": "/resource/__loc/attrs/statement/unknown", "value": true}])
}
