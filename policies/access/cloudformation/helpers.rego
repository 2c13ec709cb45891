# METADATA
# title: CloudFormation rule helpers
# description: |
#   Helpers shared by the built-in CloudFormation rules of every category: booleans and
#   numbers written as strings, maps that carry their __loc, IAM policy documents (maps or
#   JSON strings) and TLS policy names. Intrinsic functions the scanner could not resolve
#   leave their property out and mark it unknown, so every helper treats an unknown value
#   as possibly compliant. Every helper type-checks before it calls a builtin, so an
#   unexpected value makes a rule not fire instead of failing the scan.
package tollgate.access.cloudformation.helpers

import data.tollgate.access.aws.helpers as aws
import data.tollgate.lib
import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

# off(obj, key) describes a boolean property whose effective value is false: set to
# false ("false"), or not set where CloudFormation's default is false. Undefined when
# the value is true or unknown.
off(obj, key) := sprintf("%s: false", [key]) if {
	lib.is_false(obj[key])
} else := sprintf("%s is not set, default false", [key]) if {
	lib.missing(obj, key)
}

# number(x) is x as a number, also when the template wrote it as a string.
number(x) := aws.number(x)

# strings_of(x) are the strings of x, a string or a list.
strings_of(x) := aws.strings_of(x)

# as_list(x) is x when it is a list, else the list of x alone.
as_list(x) := aws.as_list(x)

# members(obj) is the map obj without its position.
members(obj) := object.remove(obj, ["__loc"]) if is_object(obj)

# where(obj, parent, key) is the location of obj, a member of parent's property key:
# its own lines when it is a map written in the template, else the lines of the
# property (a policy document given as a JSON string has no lines of its own).
where(obj, parent, key) := lib.loc(obj) if obj.__loc

else := lib.attr_loc(parent, key)

# ---------------------------------------------------------------------------
# IAM policy documents

# document(v) is the policy document of a property value: a map, or a JSON string.
document(v) := aws.document(v)

# statements(v) are the statements of the policy document v.
statements(v) := aws.statements(v)

allows(s) if s.Effect == "Allow"

# any_principal(s): the statement applies to everyone ("*" or {"AWS": "*"}).
any_principal(s) if s.Principal == "*"

any_principal(s) if "*" in aws.strings_of(s.Principal.AWS)

# conditional(s): the statement has a Condition, or one the template does not decide.
# A Condition map written in the template always holds its __loc, so its members count.
conditional(s) if count(members(s.Condition)) > 0

conditional(s) if lib.unknown(s, "Condition")

# public_statement(s): s allows anyone, with no condition narrowing it down.
public_statement(s) if {
	allows(s)
	any_principal(s)
	not conditional(s)
}

# actions(s) are the statement's Action patterns, lower case.
actions(s) := aws.actions(s)

# resources(s) are the statement's Resource patterns.
resources(s) := aws.resources(s)

# grants(s, action): statement s covers action (lower case) through Action or NotAction.
grants(s, action) if aws.grants(s, action)

# action_text(s) describes what s allows, as written.
action_text(s) := aws.action_text(s)

# admin_statement(s): s allows every action on every resource.
admin_statement(s) if {
	allows(s)
	some action in actions(s)
	action in {"*", "*:*"}
	"*" in resources(s)
}

# administrator_access(arn): arn is the AWS managed AdministratorAccess policy.
administrator_access(arn) if {
	is_string(arn)
	regex.match(`^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$`, arn)
}

# ---------------------------------------------------------------------------
# TLS versions

# tls_version(name) is the lowest TLS version a named AWS TLS policy accepts
# (ELBSecurityPolicy-*, CloudFront TLSv1.x_YYYY...); undefined for unknown names.
tls_version(name) := aws.tls_version(name)

# below_min_tls(version): version is older than the min_tls_version parameter.
below_min_tls(version) if aws.below_min_tls(version)

# tls_name(version) is how messages write a TLS version: "TLS 1.2".
tls_name(version) := aws.tls_name(version)

# min_tls_name is the min_tls_version parameter as messages write it.
min_tls_name := aws.tls_name(aws.number(lib.param("min_tls_version")))
