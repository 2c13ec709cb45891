package tollgate.backup.aws.efs_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.efs
import rego.v1

# resource "aws_efs_backup_policy" "shared" {          # line 1
#   file_system_id = aws_efs_file_system.shared.id     # line 2 (unknown)
#   backup_policy {                                    # line 3
#     status = STATUS                                  # line 4
#   }                                                  # line 5
# }                                                    # line 6
policy(status) := fx.doc("aws_efs_backup_policy", "shared", fx.block(
	1, 6, {
		"file_system_id": fx.unknown,
		"backup_policy": [fx.block(3, 5, {"status": status}, {"status": 4})],
	},
	{"file_system_id": 2},
))

test_tg_aws_155_violation if {
	findings := efs.deny with input as policy("DISABLED")
	fx.found(findings, "TG-AWS-155", fx.at(4), `EFS backup policy "shared" disables automatic backups (status = "DISABLED")`)
	count(findings) == 1
}

test_tg_aws_155_compliant if {
	count(efs.deny) == 0 with input as policy("ENABLED")
	count(efs.deny) == 0 with input as policy(fx.unknown)
}
