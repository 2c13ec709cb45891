package tollgate.access.aws.iam_trust

import data.tollgate.access.aws.helpers
import data.tollgate.access.aws.iam_document
import data.tollgate.lib
import rego.v1

# METADATA
# title: IAM policy document allows any AWS principal
# description: |
#   A statement of a data "aws_iam_policy_document" that is not a Deny names the
#   principal "*" (principals { type = "*" } or { type = "AWS", identifiers = ["*"] })
#   and has no condition block. Used as a bucket, key, queue or topic policy it opens the
#   resource to every AWS account in the world; used as an assume_role_policy it lets
#   anyone assume the role. Principals or conditions the scanner cannot know are not
#   judged.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document#principals-and-not_principals
# custom:
#   id: TG-AWS-507
#   severity: high
#   category: access
#   provider: aws
#   remediation: Name the trusted accounts, roles or services in identifiers, or add a condition block (aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount) that narrows "*" down.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type == "data.aws_iam_policy_document"
	r := input.resource
	some s in iam_document.statements(r)
	not helpers.denies(s)
	helpers.any_principal(s)
	not iam_document.conditional(s)
	msg := sprintf("IAM policy document %q allows any AWS principal (\"*\") with no condition", [input.name])
	finding := lib.finding(rego.metadata.rule(), iam_document.location(s, lib.loc(r)), msg)
}

# METADATA
# title: IAM role trusts a whole AWS account
# description: |
#   The assume_role_policy of an aws_iam_role has an Allow statement whose AWS principal
#   is an account (123456789012 or arn:aws:iam::123456789012:root) and no Condition:
#   every user and role of that account whose own policies allow sts:AssumeRole can
#   assume this role, today and whoever is added later. For another account, its
#   administrators decide who gets the role's permissions. A trust policy that is not
#   known statically is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
# custom:
#   id: TG-AWS-508
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Name the roles or users that may assume the role (arn:aws:iam::123456789012:role/deployer), or keep the account principal and add a Condition such as aws:PrincipalArn, sts:ExternalId or aws:MultiFactorAuthPresent.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_iam_role"
	r := input.resource
	some s in helpers.statements(r.assume_role_policy)
	account := account_principal(s)
	msg := sprintf("IAM role %q trusts every principal of account %s (Principal %q) with no Condition", [input.name, account.id, account.principal])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "assume_role_policy"), msg)
}

# account_principal(s): the first account principal of an Allow statement of a trust
# policy with no Condition, with the account id.
account_principal(s) := [{"principal": p, "id": id} |
	helpers.allows(s)
	not iam_document.conditional(s)
	some p in helpers.strings_of(s.Principal.AWS)
	id := account_id(p)
][0]

account_id(p) := p if regex.match(`^[0-9]{12}$`, p)

account_id(p) := regex.find_all_string_submatch_n(`^arn:aws[a-z-]*:iam::([0-9]{12}):root$`, p, 1)[0][1]

# METADATA
# title: GitHub Actions OIDC trust does not pin the repository
# description: |
#   A trust statement lets the GitHub Actions identity provider
#   (oidc-provider/token.actions.githubusercontent.com) assume the role, but its
#   Condition does not restrict the token's sub claim to repositories of the
#   organization: no Condition at all, no condition on
#   token.actions.githubusercontent.com:sub (an aud check alone), a sub value of "*" or
#   "repo:*", a claim name with no value, a repo value that is not owner/repository, or
#   a sub that starts with a claim any repository can produce (workflow, environment,
#   ref, context, head_ref, base_ref). Any workflow of any GitHub repository, an
#   attacker's included, can then obtain the role's credentials. Checked on the
#   assume_role_policy of aws_iam_role and on data "aws_iam_policy_document".
# related_resources:
# - https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
# custom:
#   id: TG-AWS-509
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Add a StringEquals or StringLike condition on token.actions.githubusercontent.com:sub naming the repository (and branch or environment), for example "repo:acme/deploy:ref:refs/heads/main", besides the aud check.
#   frameworks:
#     nist-800-53: ["AC-3", "IA-8"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"aws_iam_role", "data.aws_iam_policy_document"}
	some t in trust_statements
	github_oidc(t.s)
	some problem in sub_problems(t.s)
	msg := sprintf("%s lets GitHub Actions workflows of any repository assume the role: %s", [t.what, problem])
	finding := lib.finding(rego.metadata.rule(), t.location, msg)
}

trust_statements contains {"s": s, "location": lib.attr_loc(r, "assume_role_policy"), "what": sprintf("IAM role %q", [input.name])} if {
	input.type == "aws_iam_role"
	r := input.resource
	some s in helpers.statements(r.assume_role_policy)
}

trust_statements contains {"s": s, "location": iam_document.location(s, lib.loc(r)), "what": sprintf("IAM policy document %q", [input.name])} if {
	input.type == "data.aws_iam_policy_document"
	r := input.resource
	some s in iam_document.statements(r)
}

github_oidc(s) if {
	helpers.allows(s)
	some p in helpers.strings_of(s.Principal.Federated)
	contains(p, "oidc-provider/token.actions.githubusercontent.com")
}

sub_problems(s) := {"no Condition"} if not iam_document.conditional(s)

else := {"no condition on the sub claim"} if {
	not s.Condition.__unknown
	count(sub_values(s)) == 0
	not sub_unknown(s)
}

else := {problem |
	some v in sub_values(s)
	problem := unsafe_sub(v)
}

# sub_values(s) are the values the Condition of s accepts for the sub claim.
sub_values(s) := [v |
	some _, keys in s.Condition
	is_object(keys)
	some key, values in keys
	sub_key(key)
	some v in helpers.strings_of(values)
]

sub_key(key) if {
	is_string(key)
	regex.match(`^token\.actions\.githubusercontent\.com(/[A-Za-z0-9_-]+)?:sub$`, lower(key))
}

# A sub condition whose values are not all strings (an unresolved intrinsic) is not
# judged missing.
sub_unknown(s) if {
	some _, keys in s.Condition
	is_object(keys)
	some key, values in keys
	sub_key(key)
	count(helpers.strings_of(values)) == 0
}

abusable_claims := ["workflow", "environment", "ref", "context", "head_ref", "base_ref"]

unsafe_sub(v) := sprintf("sub %q accepts every token", [v]) if v == "*"

unsafe_sub(v) := sprintf("sub %q names a claim with no value", [v]) if {
	v != "*"
	count(split(v, ":")) == 1
}

unsafe_sub(v) := sprintf("sub %q accepts any value of its first claim", [v]) if {
	parts := split(v, ":")
	count(parts) > 1
	parts[1] == "*"
}

unsafe_sub(v) := sprintf("sub %q starts with the %s claim, which any repository can produce", [v, claim]) if {
	parts := split(v, ":")
	count(parts) > 1
	parts[1] != "*"
	some claim in abusable_claims
	startswith(parts[0], claim)
}

unsafe_sub(v) := sprintf("sub %q does not name an owner/repository", [v]) if {
	parts := split(v, ":")
	count(parts) > 1
	parts[0] == "repo"
	parts[1] != "*"
	not regex.match(`^(\$\{)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*(\})?/[^/]+`, parts[1])
}
