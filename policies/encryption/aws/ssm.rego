package tollgate.encryption.aws.ssm

import data.tollgate.lib
import rego.v1

# Parameter names that announce a credential.
secret_name := `(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)`

# METADATA
# title: SSM parameter holding a secret is not a SecureString
# description: |
#   An aws_ssm_parameter whose name announces a credential (password, secret, token,
#   api_key, private_key, credential...) has type "String" or "StringList": the value
#   is stored unencrypted, shown in clear text in the console and to every identity
#   with ssm:GetParameter, and written to CloudTrail-visible history.
# related_resources:
# - https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_parameter#type
# custom:
#   id: TG-AWS-117
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set type = "SecureString" (with key_id for a customer managed key), keep the value out of the Terraform code (value_wo or an external secret source), and rotate the credential.
#   frameworks:
#     nist-800-53: ["SC-28", "IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "aws_ssm_parameter"
	r := input.resource
	r.type in {"String", "StringList"}
	is_string(r.name)
	regex.match(secret_name, lower(r.name))
	msg := sprintf("SSM parameter %q (%s) looks like a secret but is stored as a plain %s, not a SecureString", [input.name, r.name, r.type])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "type"), msg)
}

# METADATA
# title: SSM SecureString parameter is not encrypted with a customer managed key
# description: |
#   An aws_ssm_parameter of type SecureString sets no key_id: it is encrypted with the AWS
#   managed key alias/aws/ssm, which every principal of the account allowed
#   ssm:GetParameter can use to decrypt it, and which cannot be shared with other
#   accounts.
# related_resources:
# - https://docs.aws.amazon.com/systems-manager/latest/userguide/secure-string-parameter-kms-encryption.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_parameter#key_id
# custom:
#   id: TG-AWS-320
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set key_id = aws_kms_key.<name>.arn, a key whose policy allows decryption only to the roles that read the parameter.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_ssm_parameter"
	r := input.resource
	r.type == "SecureString"
	lib.missing(r, "key_id")
	msg := sprintf("SSM parameter %q is a SecureString encrypted with the AWS managed key (key_id is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
