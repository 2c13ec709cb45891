package tollgate.access.aws.sagemaker_role

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: SageMaker notebook role allows every action
# description: |
#   An aws_iam_role used by an aws_sagemaker_notebook_instance (its role_arn names the role)
#   has an inline policy (inline_policy block or aws_iam_role_policy) with an Allow statement
#   whose Action is "*": anyone who can run code in the notebook, or steal its credentials
#   from the instance, can call every AWS API on the resources the statement names.
# related_resources:
# - https://docs.aws.amazon.com/sagemaker/latest/dg/security-iam.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-AWS-484
#   severity: high
#   category: access
#   provider: aws
#   remediation: Give the notebook role only the actions its work needs (sagemaker:*, S3 reads of its data buckets, logs:PutLogEvents...) instead of "*".
#   frameworks:
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     cis-aws-2.0: ["1.16"]
deny contains finding if {
	input.type == "aws_iam_role"
	helpers.has_related("aws_sagemaker_notebook_instance")
	some p in role_policies
	some s in helpers.statements(p.policy)
	helpers.allows(s)
	"*" in helpers.actions(s)
	msg := sprintf("IAM role %q of a SageMaker notebook instance %s allows every action (Action \"*\")", [input.name, p.what])
	finding := lib.finding(rego.metadata.rule(), p.location, msg)
}

role_policies contains {"policy": block.policy, "location": lib.attr_loc(block, "policy"), "what": "has an inline policy that"} if {
	some block in object.get(input.resource, "inline_policy", [])
	block.policy
}

role_policies contains {"policy": rp.policy, "location": lib.loc(input.resource), "what": sprintf("has an aws_iam_role_policy (line %d) that", [rp.__loc.start_line])} if {
	some rp in helpers.related("aws_iam_role_policy")
	rp.policy
}
