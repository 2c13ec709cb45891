package tollgate.backup.aws.backup_plan_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.backup.aws.backup_plan
import rego.v1

# resource "aws_backup_plan" "daily" {                   # line 1
#   name = "daily"                                       # line 2
#   rule {                                               # line 3
#     rule_name         = "daily"                        # line 4
#     target_vault_name = aws_backup_vault.main.name     # line 5 (unknown)
#     schedule          = "cron(0 3 * * ? *)"            # line 6
#     lifecycle {                                        # line 7
#       delete_after = DAYS                              # line 8
#     }                                                  # line 9
#     copy_action {                                      # line 10
#       destination_vault_arn = aws_backup_vault.dr.arn  # line 11 (unknown)
#       lifecycle {                                      # line 12
#         delete_after = COPY_DAYS                       # line 13
#       }                                                # line 14
#     }                                                  # line 15
#   }                                                    # line 16
# }                                                      # line 17
plan(days, copy_days) := fx.doc("aws_backup_plan", "daily", fx.block(
	1, 17, {
		"name": "daily",
		"rule": [fx.block(
			3, 16, {
				"rule_name": "daily",
				"target_vault_name": fx.unknown,
				"schedule": "cron(0 3 * * ? *)",
				"lifecycle": [fx.block(7, 9, {"delete_after": days}, {"delete_after": 8})],
				"copy_action": [fx.block(
					10, 15, {
						"destination_vault_arn": fx.unknown,
						"lifecycle": [fx.block(12, 14, {"delete_after": copy_days}, {"delete_after": 13})],
					},
					{"destination_vault_arn": 11},
				)],
			},
			{"rule_name": 4, "target_vault_name": 5, "schedule": 6},
		)],
	},
	{"name": 2},
))

# resource "aws_backup_selection" "daily" {     # line 20
#   name         = "daily"                      # line 21
#   plan_id      = aws_backup_plan.daily.id     # line 22 (unknown)
#   iam_role_arn = aws_iam_role.backup.arn      # line 23 (unknown)
#   resources    = ["*"]                        # line 24
# }                                             # line 25
selection := fx.block(20, 25, {"name": "daily", "plan_id": fx.unknown, "iam_role_arn": fx.unknown, "resources": ["*"]}, {"name": 21, "plan_id": 22, "iam_role_arn": 23, "resources": 24})

selected(d) := fx.with_related(d, "aws_backup_selection", [selection])

test_tg_aws_148_violation if {
	findings := backup_plan.deny with input as selected(plan(3, 30))
	fx.found(findings, "TG-AWS-148", fx.at(8), `backup plan "daily" rule "daily" deletes recovery points after 3 days, less than 7`)
	count(findings) == 1
}

test_tg_aws_148_compliant if {
	count(backup_plan.deny) == 0 with input as selected(plan(35, 90))
	count(backup_plan.deny) == 0 with input as selected(plan(fx.unknown, fx.unknown))
}

test_tg_aws_148_copies_and_param if {
	fx.found(backup_plan.deny, "TG-AWS-148", fx.at(13), `backup plan "daily" rule "daily" deletes copies after 1 day, less than 7`) with input as selected(plan(35, 1))
	count(backup_plan.deny) == 2 with input as selected(plan(35, 90)) with data.config.params as {"min_backup_retention_days": 365}
}

test_tg_aws_149_violation if {
	findings := backup_plan.deny with input as plan(35, 90)
	fx.found(findings, "TG-AWS-149", fx.span(1, 17), `backup plan "daily" selects no resources (no aws_backup_selection refers to it)`)
	count(findings) == 1
}

test_tg_aws_149_compliant if {
	count(backup_plan.deny) == 0 with input as selected(plan(35, 90))
}
