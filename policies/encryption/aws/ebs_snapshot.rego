package tollgate.encryption.aws.ebs_snapshot

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: EBS snapshot copy is not encrypted
# description: |
#   encrypted is false, or not set (its default is false), on an aws_ebs_snapshot_copy:
#   the copy of an unencrypted snapshot stays unencrypted (unless the account encrypts
#   by default), often in another region or account where it outlives the original.
#   Copying is the one moment an unencrypted snapshot can be encrypted.
# related_resources:
# - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html#creating-encrypted-snapshots
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_snapshot_copy#encrypted
# custom:
#   id: TG-AWS-119
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set encrypted = true (and kms_key_id for a customer managed key) on the snapshot copy.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_ebs_snapshot_copy"
	r := input.resource
	problem := helpers.off(r, "encrypted")
	msg := sprintf("EBS snapshot copy %q is not encrypted (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "encrypted"), msg)
}
