package tollgate.access.aws.secretsmanager_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.secretsmanager
import rego.v1

# resource "aws_secretsmanager_secret" "db" {   # line 1
#   name = "prod/db"                            # line 2
# }                                             # line 3
secret := fx.doc("aws_secretsmanager_secret", "db", fx.block(1, 3, {"name": "prod/db"}, {"name": 2}))

# resource "aws_secretsmanager_secret_rotation" "db" {        # line 5
#   secret_id           = aws_secretsmanager_secret.db.id     # line 6 (unknown)
#   rotation_lambda_arn = aws_lambda_function.rotate.arn      # line 7 (unknown)
#   rotation_rules {                                          # line 8
#     automatically_after_days = 30                           # line 9
#   }                                                         # line 10
# }                                                           # line 11
rotation := fx.block(
	5, 11, {
		"secret_id": fx.unknown,
		"rotation_lambda_arn": fx.unknown,
		"rotation_rules": [fx.block(8, 10, {"automatically_after_days": 30}, {"automatically_after_days": 9})],
	},
	{"secret_id": 6, "rotation_lambda_arn": 7},
)

test_tg_aws_064_violation if {
	findings := secretsmanager.deny with input as secret
	fx.found(findings, "TG-AWS-064", fx.span(1, 3), `Secrets Manager secret "db" is not rotated (no aws_secretsmanager_secret_rotation refers to it)`)
	count(findings) == 1
}

test_tg_aws_064_compliant if {
	count(secretsmanager.deny) == 0 with input as fx.with_related(secret, "aws_secretsmanager_secret_rotation", [rotation])
}

test_tg_aws_064_input_without_related_fires if {
	count(secretsmanager.deny) == 1 with input as object.remove(secret, ["related"])
}
