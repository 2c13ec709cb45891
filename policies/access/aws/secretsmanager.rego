package tollgate.access.aws.secretsmanager

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Secrets Manager secret is not rotated
# description: |
#   No aws_secretsmanager_secret_rotation refers to the aws_secretsmanager_secret (AWS
#   provider v5 configures rotation only through that resource). A secret that never
#   changes stays valid for as long as it has been leaked, and its rotation is never
#   exercised before an incident requires it.
# related_resources:
# - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1
# custom:
#   id: TG-AWS-064
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add an aws_secretsmanager_secret_rotation with a rotation Lambda (or use RDS-managed master passwords, manage_master_user_password = true) and a schedule of 90 days or less.
#   frameworks:
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.6.3"]
deny contains finding if {
	input.type == "aws_secretsmanager_secret"
	r := input.resource
	not helpers.has_related("aws_secretsmanager_secret_rotation")
	msg := sprintf("Secrets Manager secret %q is not rotated (no aws_secretsmanager_secret_rotation refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
