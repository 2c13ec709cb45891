package tollgate.access.aws.secrets_rotation_schedule

import data.tollgate.lib
import rego.v1

# Days per unit of a rate() expression.
unit_days := {"minute": 1 / 1440, "hour": 1 / 24, "day": 1}

# METADATA
# title: Secrets Manager rotation schedule is longer than 90 days
# description: |
#   The rotation_rules of an aws_secretsmanager_secret_rotation give a schedule_expression
#   rate() longer than 90 days (rate(180 days)): a leaked secret stays valid for months.
#   Schedules written as cron() expressions are not evaluated; automatically_after_days is
#   checked by TG-AWS-301.
# related_resources:
# - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret_rotation#schedule_expression
# custom:
#   id: TG-AWS-579
#   severity: low
#   category: access
#   provider: aws
#   remediation: Set schedule_expression to rate(90 days) or less (30 days for privileged credentials).
#   frameworks:
#     nist-800-53: ["IA-5(1)"]
#     pci-dss-4.0: ["8.3.9"]
deny contains finding if {
	input.type == "aws_secretsmanager_secret_rotation"
	some rules in input.resource.rotation_rules
	days := rate_days(rules.schedule_expression)
	days > 90
	msg := sprintf("Secrets Manager rotation %q rotates the secret less often than every 90 days (schedule_expression = %q)", [input.name, rules.schedule_expression])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(rules, "schedule_expression"), msg)
}

# rate_days(expr) is the period of a rate() expression, in days.
rate_days(expr) := to_number(m[1]) * unit_days[m[2]] if {
	is_string(expr)
	m := regex.find_all_string_submatch_n(`^rate\(\s*([0-9]+)\s+(minute|hour|day)s?\s*\)$`, lower(trim_space(expr)), 1)[0]
}
