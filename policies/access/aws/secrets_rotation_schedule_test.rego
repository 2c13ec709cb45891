package tollgate.access.aws.secrets_rotation_schedule_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.secrets_rotation_schedule
import rego.v1

# resource "aws_secretsmanager_secret_rotation" "db" {   # line 1
#   secret_id           = "db"                           # line 2
#   rotation_lambda_arn = "arn"                          # line 3
#   rotation_rules {                                     # line 4
#     schedule_expression = EXPR                         # line 5
#   }                                                    # line 6
# }                                                      # line 7
rotation(expr) := fx.doc("aws_secretsmanager_secret_rotation", "db", fx.block(1, 7, {
	"secret_id": "db",
	"rotation_lambda_arn": "arn",
	"rotation_rules": [fx.block(4, 6, {"schedule_expression": expr}, {"schedule_expression": 5})],
}, {"secret_id": 2, "rotation_lambda_arn": 3}))

test_tg_aws_579_violation if {
	findings := secrets_rotation_schedule.deny with input as rotation("rate(180 days)")
	fx.found(findings, "TG-AWS-579", fx.at(5), `Secrets Manager rotation "db" rotates the secret less often than every 90 days (schedule_expression = "rate(180 days)")`)
	count(findings) == 1
	count(secrets_rotation_schedule.deny) == 1 with input as rotation("rate(2200 hours)")
}

test_tg_aws_579_compliant if {
	count(secrets_rotation_schedule.deny) == 0 with input as rotation("rate(90 days)")
	count(secrets_rotation_schedule.deny) == 0 with input as rotation("rate(4 hours)")
	count(secrets_rotation_schedule.deny) == 0 with input as rotation("rate(1 day)")
	count(secrets_rotation_schedule.deny) == 0 with input as rotation("cron(0 16 1,15 * ? *)")
	count(secrets_rotation_schedule.deny) == 0 with input as rotation(fx.unknown)
}
