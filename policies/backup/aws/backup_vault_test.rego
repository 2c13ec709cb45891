package tollgate.backup.aws.backup_vault_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.backup_vault
import rego.v1

# resource "aws_backup_vault" "main" {   # line 1
#   name = "main"                        # line 2
# }                                      # line 3
vault := fx.doc("aws_backup_vault", "main", fx.block(1, 3, {"name": "main"}, {"name": 2}))

# resource "aws_backup_vault_lock_configuration" "main" {   # line 5
#   backup_vault_name  = aws_backup_vault.main.name         # line 6 (unknown)
#   min_retention_days = 7                                  # line 7
# }                                                         # line 8
lock := fx.block(5, 8, {"backup_vault_name": fx.unknown, "min_retention_days": 7}, {"backup_vault_name": 6, "min_retention_days": 7})

test_tg_aws_150_violation if {
	findings := backup_vault.deny with input as vault
	fx.found(findings, "TG-AWS-150", fx.span(1, 3), `backup vault "main" has no vault lock (no aws_backup_vault_lock_configuration refers to it)`)
	count(findings) == 1
}

test_tg_aws_150_compliant if {
	count(backup_vault.deny) == 0 with input as fx.with_related(vault, "aws_backup_vault_lock_configuration", [lock])
}
