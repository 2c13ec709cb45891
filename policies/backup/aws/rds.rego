package tollgate.backup.aws.rds

import data.tollgate.lib
import rego.v1

# METADATA
# title: RDS automated backups are disabled
# description: |
#   backup_retention_period = 0 on an aws_db_instance turns automated backups and
#   point-in-time recovery off: a bad migration, a deletion or a corruption cannot be undone.
#   Only an explicit 0 is reported: when the attribute is not set, AWS keeps backups for
#   1 day by default.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#backup_retention_period
# custom:
#   id: TG-AWS-020
#   severity: high
#   category: backup
#   provider: aws
#   remediation: Set backup_retention_period to the number of days of recovery you need (7 or more; at most 35).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_db_instance"
	r := input.resource
	r.backup_retention_period in {0, "0"}
	msg := sprintf("RDS instance %q has automated backups disabled (backup_retention_period = 0)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "backup_retention_period"), msg)
}

# METADATA
# title: RDS instance has no deletion protection
# description: |
#   deletion_protection is false, or not set (its default is false), on an aws_db_instance:
#   a terraform destroy, a replacement forced by a changed attribute or a console mistake
#   deletes the database outright.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#deletion_protection
# custom:
#   id: TG-AWS-023
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set deletion_protection = true; turn it off deliberately, in a separate change, before deleting the database.
#   frameworks:
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "aws_db_instance"
	r := input.resource
	problem := unprotected(r)
	msg := sprintf("RDS instance %q %s", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "deletion_protection"), msg)
}

unprotected(r) := "has deletion_protection = false" if {
	disabled(r.deletion_protection)
} else := "does not set deletion_protection (default false)" if {
	lib.missing(r, "deletion_protection")
}

# lib.is_false is given strings only: on a boolean true it would raise a type error
# when builtin errors are strict.
disabled(v) if v == false

disabled(v) if {
	is_string(v)
	lib.is_false(v)
}
