package tollgate.encryption.aws.fsx

import data.tollgate.lib
import rego.v1

# METADATA
# title: FSx for Lustre persistent file system is not encrypted with a customer managed key
# description: |
#   An aws_fsx_lustre_file_system of a persistent deployment type (PERSISTENT_1,
#   PERSISTENT_2) sets no kms_key_id: the file system and its backups are encrypted with the
#   AWS managed key aws/fsx, whose use the account cannot restrict with a key policy, audit
#   per key or revoke. Scratch file systems (the default deployment type), which cannot use a
#   customer managed key, are not reported.
# related_resources:
# - https://docs.aws.amazon.com/fsx/latest/LustreGuide/encryption-at-rest.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/fsx_lustre_file_system#kms_key_id
# custom:
#   id: TG-AWS-477
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set kms_key_id = aws_kms_key.<name>.arn (the file system is replaced).
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_fsx_lustre_file_system"
	r := input.resource
	is_string(r.deployment_type)
	startswith(upper(r.deployment_type), "PERSISTENT")
	lib.missing(r, "kms_key_id")
	msg := sprintf("FSx for Lustre file system %q is not encrypted with a customer managed key (kms_key_id is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
