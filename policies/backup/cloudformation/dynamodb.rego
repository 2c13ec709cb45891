package tollgate.backup.cloudformation.dynamodb

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::DynamoDB::Table": "DynamoDB table",
	"AWS::DynamoDB::GlobalTable": "DynamoDB global table",
}

# METADATA
# title: CloudFormation DynamoDB table has no point-in-time recovery
# description: |
#   The PointInTimeRecoverySpecification of an AWS::DynamoDB::Table, or of a replica of an
#   AWS::DynamoDB::GlobalTable, is missing or sets PointInTimeRecoveryEnabled to false
#   (the default): a bad deployment, a buggy batch job or a malicious delete cannot be
#   rolled back to the second before it happened.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-table-pointintimerecoveryspecification.html
# - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
# custom:
#   id: TG-CFN-045
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set PointInTimeRecoverySpecification to {PointInTimeRecoveryEnabled true} (on every replica of a global table).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"}
	some t in tables
	v := no_pitr(t.spec)
	msg := sprintf("%s %q has no point-in-time recovery%s (%s)", [kinds[input.type], input.name, t.where, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# METADATA
# title: CloudFormation DynamoDB table has no deletion protection
# description: |
#   DeletionProtectionEnabled is false, or not set (its default is false), on an
#   AWS::DynamoDB::Table or a replica of an AWS::DynamoDB::GlobalTable: a stack deletion,
#   a replacement forced by a changed key schema or a console mistake deletes the table
#   and its data at once.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html#cfn-dynamodb-table-deletionprotectionenabled
# - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
# custom:
#   id: TG-CFN-046
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set DeletionProtectionEnabled to true (on every replica of a global table), and a DeletionPolicy of Retain.
#   frameworks:
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"}
	some t in tables
	problem := helpers.off(t.spec, "DeletionProtectionEnabled")
	msg := sprintf("%s %q has no deletion protection%s (%s)", [kinds[input.type], input.name, t.where, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(t.spec, "DeletionProtectionEnabled"), msg)
}

# tables are the maps that carry the table settings: the Properties of a table, each
# replica of a global table. where names the replica in messages.
tables contains {"spec": p, "where": ""} if {
	input.type == "AWS::DynamoDB::Table"
	p := input.resource.Properties
}

tables contains {"spec": replica, "where": region(replica)} if {
	input.type == "AWS::DynamoDB::GlobalTable"
	some replica in input.resource.Properties.Replicas
	is_object(replica)
}

region(replica) := sprintf(" in replica %s", [replica.Region]) if is_string(replica.Region)

else := " in a replica"

no_pitr(spec) := {"text": "PointInTimeRecoverySpecification is not set", "location": lib.loc(spec)} if {
	lib.missing(spec, "PointInTimeRecoverySpecification")
}

no_pitr(spec) := {"text": problem, "location": lib.attr_loc(pitr, "PointInTimeRecoveryEnabled")} if {
	pitr := spec.PointInTimeRecoverySpecification
	problem := helpers.off(pitr, "PointInTimeRecoveryEnabled")
}
