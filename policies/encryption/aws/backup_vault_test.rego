package tollgate.encryption.aws.backup_vault_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.backup_vault
import rego.v1

# resource "aws_backup_vault" "main" {   # line 1
#   name        = "main"                 # line 2
#   kms_key_arn = KEY                    # line 3
# }                                      # line 4
vault(attrs) := fx.doc("aws_backup_vault", "main", fx.block(1, 4, object.union({"name": "main"}, attrs), {"name": 2, "kms_key_arn": 3}))

test_tg_aws_109_violation if {
	findings := backup_vault.deny with input as vault({})
	fx.found(findings, "TG-AWS-109", fx.span(1, 4), `Backup vault "main" encrypts recovery points with the AWS managed key aws/backup (kms_key_arn is not set)`)
	count(findings) == 1
}

test_tg_aws_109_compliant if {
	count(backup_vault.deny) == 0 with input as vault({"kms_key_arn": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

test_tg_aws_109_unknown_does_not_fire if {
	count(backup_vault.deny) == 0 with input as vault({"kms_key_arn": fx.unknown})
}
