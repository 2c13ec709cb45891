package tollgate.backup.aws.backup_plan

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: AWS Backup plan keeps recovery points for less than the minimum
# description: |
#   A rule of an aws_backup_plan has a lifecycle, or a copy_action lifecycle, whose
#   delete_after is lower than the min_backup_retention_days parameter (7 by default):
#   recovery points, or their copies in another vault, expire before a problem may even
#   be noticed. Rules without a lifecycle keep recovery points until they are deleted by
#   hand and are not reported.
# related_resources:
# - https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan#lifecycle
# custom:
#   id: TG-AWS-148
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Raise delete_after to at least the minimum retention your recovery objectives and regulations require.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_backup_plan"
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	some v in short_lifecycles
	v.days < minimum
	msg := sprintf("backup plan %q rule %s deletes %s after %s, less than %d", [input.name, v.rule, v.what, days_text(v.days), minimum])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

short_lifecycles contains v if {
	some rule in input.resource.rule
	some lifecycle in rule.lifecycle
	v := expiry(rule, lifecycle, "recovery points")
}

short_lifecycles contains v if {
	some rule in input.resource.rule
	some copy in rule.copy_action
	some lifecycle in copy.lifecycle
	v := expiry(rule, lifecycle, "copies")
}

expiry(rule, lifecycle, what) := {
	"rule": rule_name(rule),
	"what": what,
	"days": helpers.number(lifecycle.delete_after),
	"location": lib.attr_loc(lifecycle, "delete_after"),
}

days_text(1) := "1 day"

days_text(n) := sprintf("%d days", [n]) if n != 1

rule_name(rule) := sprintf("%q", [rule.rule_name]) if is_string(rule.rule_name)

else := "(unnamed)"

# METADATA
# title: AWS Backup plan selects no resources
# description: |
#   No aws_backup_selection refers to the aws_backup_plan: the plan is scheduled but
#   backs nothing up, which looks like coverage in reviews and dashboards while no
#   recovery point is ever created.
# related_resources:
# - https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_selection
# custom:
#   id: TG-AWS-149
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Add an aws_backup_selection with plan_id = aws_backup_plan.<name>.id selecting the resources by ARN or by tag.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_backup_plan"
	not helpers.has_related("aws_backup_selection")
	msg := sprintf("backup plan %q selects no resources (no aws_backup_selection refers to it)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
