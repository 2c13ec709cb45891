package tollgate.access.aws.sns_policy

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: SNS topic policy grants an account's principal without a condition
# description: |
#   An Allow statement of an aws_sns_topic_policy names an IAM principal by ARN
#   (arn:aws:iam::ACCOUNT:...) and has no Condition: the principal, typically another
#   account's root, can publish to or subscribe to the topic from any source, with nothing
#   (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, a protocol) narrowing what it may
#   do. A grant to everyone is reported by the public resource policy rule instead.
# related_resources:
# - https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy
# custom:
#   id: TG-AWS-483
#   severity: low
#   category: access
#   provider: aws
#   remediation: Add a Condition to the statement (aws:SourceArn or aws:SourceAccount for a service, aws:PrincipalOrgID for an organisation), or grant a role of the other account instead of its root.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_sns_topic_policy"
	r := input.resource
	some s in helpers.statements(r.policy)
	helpers.allows(s)
	not helpers.conditional(s)
	some p in helpers.strings_of(object.get(s, ["Principal", "AWS"], []))
	startswith(p, "arn:aws:iam::")
	msg := sprintf("SNS topic policy %q grants %s without a condition", [input.name, p])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "policy"), msg)
}
