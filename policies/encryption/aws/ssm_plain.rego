package tollgate.encryption.aws.ssm_plain

import data.tollgate.encryption.aws.ssm
import data.tollgate.lib
import rego.v1

# METADATA
# title: SSM parameter is not a SecureString
# description: |
#   An aws_ssm_parameter has type "String" or "StringList": its value is stored without
#   KMS encryption, shown in clear text in the console and returned to every identity
#   allowed ssm:GetParameter, whether or not the parameter holds something sensitive
#   (connection strings, internal endpoints, license keys). Parameters whose name
#   announces a credential are reported by TG-AWS-117 instead; plain configuration
#   values that are meant to be readable can be recorded as exceptions.
# related_resources:
# - https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_parameter#type
# custom:
#   id: TG-AWS-556
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set type = "SecureString" (with key_id for a customer managed key) for every parameter that is not meant to be public to the account.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_ssm_parameter"
	r := input.resource
	r.type in {"String", "StringList"}
	not credential_named(r)
	msg := sprintf("SSM parameter %q is stored as a plain %s, not a SecureString", [input.name, r.type])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "type"), msg)
}

# Reported by TG-AWS-117.
credential_named(r) if {
	is_string(r.name)
	regex.match(ssm.secret_name, lower(r.name))
}
