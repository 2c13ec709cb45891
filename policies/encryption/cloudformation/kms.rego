package tollgate.encryption.cloudformation.kms

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation KMS key rotation is disabled
# description: |
#   EnableKeyRotation is false, or not set (its default is false), on a symmetric
#   encryption AWS::KMS::Key. The same key material protects data for the key's whole
#   life, so the amount of data exposed by a compromised key keeps growing. Asymmetric
#   and HMAC keys (KeySpec other than SYMMETRIC_DEFAULT, KeyUsage other than
#   ENCRYPT_DECRYPT) and keys whose material is imported or kept in a custom key store
#   (Origin other than AWS_KMS), which AWS cannot rotate automatically, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html#cfn-kms-key-enablekeyrotation
# - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   id: TG-CFN-030
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set EnableKeyRotation to true (RotationPeriodInDays sets the period, 365 days by default).
#   frameworks:
#     cis-aws-2.0: ["3.8"]
#     nist-800-53: ["SC-12"]
#     pci-dss-4.0: ["3.7.4"]
deny contains finding if {
	input.type == "AWS::KMS::Key"
	p := input.resource.Properties
	rotatable(p)
	problem := helpers.off(p, "EnableKeyRotation")
	msg := sprintf("KMS key %q is not rotated (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "EnableKeyRotation"), msg)
}

rotatable(p) if {
	default_or(p, "KeySpec", "SYMMETRIC_DEFAULT")
	default_or(p, "KeyUsage", "ENCRYPT_DECRYPT")
	default_or(p, "Origin", "AWS_KMS")
}

default_or(p, key, _) if lib.missing(p, key)

default_or(p, key, value) if p[key] == value
