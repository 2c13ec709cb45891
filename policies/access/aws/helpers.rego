# METADATA
# title: AWS rule helpers
# description: |
#   Helpers shared by the built-in AWS rules of every category: Terraform booleans and
#   numbers, nested blocks, related resources, IAM policy documents and TLS versions.
#   Every helper is safe under strict builtin errors: it type-checks before it calls a
#   builtin, so an unexpected value makes a rule not fire instead of failing the scan.
package tollgate.access.aws.helpers

import data.tollgate.lib
import rego.v1

# off(obj, key) describes a boolean attribute whose effective value is false: set to
# false, or not set where the provider's default is false. Undefined when the value is
# true or unknown.
off(obj, key) := sprintf("%s = false", [key]) if {
	lib.is_false(obj[key])
} else := sprintf("%s is not set, default false", [key]) if {
	lib.missing(obj, key)
}

# no_block(obj, key): the nested block is absent (and not unknown), or a dynamic block
# that produced no block at all.
no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []

# related(type) lists the bodies of the resources of that type that refer to the
# resource being evaluated (input.related); empty when there are none.
related(type) := rel if {
	rel := object.get(input, ["related", type], [])
	is_array(rel)
} else := []

has_related(type) if count(related(type)) > 0

# A plan's resources name no references (input.related_unknown): whether one refers to the
# resource is unknown, so a rule on a missing companion resource must not conclude.
has_related(_) if input.related_unknown == true

# number(x) is x as a number, also when Terraform users wrote it as a string.
number(x) := x if is_number(x)

number(x) := to_number(x) if {
	is_string(x)
	regex.match(`^-?[0-9]+(\.[0-9]+)?$`, x)
}

# as_list(x) is x when it is a list, else the list of x alone (IAM documents write a
# single Action, Resource or Statement without brackets).
as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

# strings_of(x) are the strings of x, a string or a list.
strings_of(x) := [s | some s in as_list(x); is_string(s)]

# ---------------------------------------------------------------------------
# IAM policy documents

# document(v) is the policy document of an attribute value. jsonencode() output and
# heredocs arrive as JSON strings; invalid JSON has no document.
document(v) := json.unmarshal(v) if {
	is_string(v)
	json.is_valid(v)
}

document(v) := v if is_object(v)

# statements(v) are the statements of the policy document of attribute value v.
statements(v) := [s | some s in as_list(document(v).Statement); is_object(s)]

allows(s) if s.Effect == "Allow"

denies(s) if s.Effect == "Deny"

# any_principal(s): the statement applies to everyone ("*" or {"AWS": "*"}).
any_principal(s) if s.Principal == "*"

any_principal(s) if "*" in strings_of(s.Principal.AWS)

conditional(s) if {
	is_object(s.Condition)
	count(s.Condition) > 0
}

# public_statement(s): s allows anyone, with no condition narrowing it down.
public_statement(s) if {
	allows(s)
	any_principal(s)
	not conditional(s)
}

# actions(s) are the statement's Action patterns, lower case.
actions(s) := [lower(a) | some a in strings_of(s.Action)]

# grants(s, action): statement s covers action (lower case) through its Action, or
# through a NotAction that does not exclude it.
grants(s, action) if {
	some p in actions(s)
	action_matches(p, action)
}

grants(s, action) if {
	excluded := [lower(a) | some a in strings_of(s.NotAction)]
	count(excluded) > 0
	every p in excluded {
		not action_matches(p, action)
	}
}

# action_text(s) describes what s allows, as written: its actions, or "every action
# except ..." for a NotAction.
action_text(s) := concat(", ", strings_of(s.Action)) if {
	count(strings_of(s.Action)) > 0
} else := sprintf("every action except %s", [concat(", ", strings_of(s.NotAction))])

resources(s) := strings_of(s.Resource)

# action_matches(pattern, action): the IAM action pattern (* and ? wildcards, case
# insensitive) matches action, given in lower case.
action_matches(pattern, action) if {
	regex.match(`^[a-z0-9:*?_-]+$`, pattern)
	glob.match(pattern, null, action)
}

# ---------------------------------------------------------------------------
# TLS versions

# below_min_tls(version): version (a number such as 1.1) is older than the
# min_tls_version parameter.
below_min_tls(version) if version < number(lib.param("min_tls_version"))

# tls_version(p) is the lowest TLS version a named AWS TLS policy accepts, for the
# names whose version is known; undefined for any other name, so nothing fires.
# ELB: ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS-1-1-2017-01,
# ELBSecurityPolicy-FS-1-2-Res-2020-10 ...
tls_version(p) := to_number(sprintf("1.%s", [m[1]])) if {
	is_string(p)
	m := regex.find_all_string_submatch_n(`^ELBSecurityPolicy-(?:TLS13|TLS|FS)-1-([0-3])-`, p, 1)[0]
}

# The first ELB policies accept TLS 1.0.
tls_version(p) := 1.0 if p in {"ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-2015-03", "ELBSecurityPolicy-2015-02", "ELBSecurityPolicy-FS-2018-06"}

# CloudFront minimum_protocol_version: TLSv1, TLSv1_2016, TLSv1.1_2016, TLSv1.2_2021 ...
tls_version(p) := 1.0 if p in {"TLSv1", "TLSv1_2016"}

tls_version(p) := to_number(sprintf("1.%s", [m[1]])) if {
	is_string(p)
	m := regex.find_all_string_submatch_n(`^TLSv1\.([0-3])_[0-9]{4}$`, p, 1)[0]
}

tls_version(p) := 0.3 if p == "SSLv3"

# API Gateway security_policy: TLS_1_0, TLS_1_2, SecurityPolicy_TLS13_1_2_2021_06 ...
tls_version(p) := to_number(sprintf("1.%s", [m[1]])) if {
	is_string(p)
	m := regex.find_all_string_submatch_n(`^(?:TLS|SecurityPolicy_TLS1[23])_1_([0-3])(?:_|$)`, p, 1)[0]
}

# OpenSearch tls_security_policy: Policy-Min-TLS-1-0-2019-07, Policy-Min-TLS-1-2-PFS-2023-10 ...
tls_version(p) := to_number(sprintf("1.%s", [m[1]])) if {
	is_string(p)
	m := regex.find_all_string_submatch_n(`^Policy-Min-TLS-1-([0-3])-`, p, 1)[0]
}

# tls_name(version) is how messages write a TLS version: "TLS 1.2".
tls_name(version) := sprintf("TLS %.1f", [version]) if version >= 1

tls_name(version) := "SSL 3.0" if version < 1
