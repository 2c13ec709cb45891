package tollgate.encryption.aws.kms

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: KMS key rotation is disabled
# description: |
#   enable_key_rotation is false, or not set (its default is false), on a symmetric
#   encryption aws_kms_key. The same key material protects data for the key's whole
#   life, so the amount of data exposed by a compromised key keeps growing. Asymmetric
#   and HMAC keys (customer_master_key_spec other than SYMMETRIC_DEFAULT) and keys in a
#   custom key store, which AWS cannot rotate, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4
# custom:
#   id: TG-AWS-099
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set enable_key_rotation = true (and rotation_period_in_days if a yearly rotation is not what you need).
#   frameworks:
#     cis-aws-2.0: ["3.8"]
#     nist-800-53: ["SC-12"]
#     pci-dss-4.0: ["3.7.4"]
deny contains finding if {
	input.type == "aws_kms_key"
	r := input.resource
	rotatable(r)
	problem := helpers.off(r, "enable_key_rotation")
	msg := sprintf("KMS key %q does not rotate its key material (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enable_key_rotation"), msg)
}

rotatable(r) if {
	symmetric(r)
	lib.missing(r, "custom_key_store_id")
}

symmetric(r) if r.customer_master_key_spec == "SYMMETRIC_DEFAULT"

symmetric(r) if lib.missing(r, "customer_master_key_spec")
