package tollgate.access.aws.iam_users

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: IAM user has a console password
# description: |
#   An aws_iam_user_login_profile gives an IAM user a password for the AWS Management
#   Console. IAM user passwords are long-lived credentials managed outside the
#   organization's identity provider: they survive the person leaving, are phished like
#   any password, and MFA on them is not enforced by the login profile itself.
# related_resources:
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html
# - https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html
# custom:
#   id: TG-AWS-318
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Give people console access through IAM Identity Center or a federated identity provider and remove the login profile; keep IAM users, if any, for workloads that cannot assume roles.
#   frameworks:
#     cis-aws-2.0: ["1.21"]
#     nist-800-53: ["IA-2", "AC-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_iam_user_login_profile"
	r := input.resource
	msg := sprintf("IAM user login profile %q gives an IAM user a console password", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# METADATA
# title: KMS key has no key policy of its own
# description: |
#   The aws_kms_key sets no policy and no aws_kms_key_policy refers to it: the key gets
#   the default key policy, which lets the account root, and through it every IAM
#   principal whose identity policy allows kms:*, use and administer the key. Who can
#   decrypt the data it protects is then decided by every IAM policy of the account
#   rather than by the key.
# related_resources:
# - https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key#policy
# custom:
#   id: TG-AWS-319
#   severity: low
#   category: access
#   provider: aws
#   remediation: Set policy on the key (or add an aws_kms_key_policy) naming the key administrators and the roles allowed to use the key.
#   frameworks:
#     nist-800-53: ["AC-6", "SC-12"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_kms_key"
	r := input.resource
	lib.missing(r, "policy")
	not helpers.has_related("aws_kms_key_policy")
	msg := sprintf("KMS key %q has the default key policy (no policy, no aws_kms_key_policy)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
