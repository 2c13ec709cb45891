package tollgate.backup.cloudformation.rds

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation RDS automated backups are disabled
# description: |
#   BackupRetentionPeriod is 0 on an AWS::RDS::DBInstance: automated backups and
#   point-in-time recovery are off, so a bad migration, a deletion or a corruption cannot be
#   undone. Only an explicit 0 is reported (the default is 1 day), and not on an Aurora
#   instance (DBClusterIdentifier), whose backups are the cluster's.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-backupretentionperiod
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
# custom:
#   id: TG-CFN-003
#   severity: high
#   category: backup
#   provider: aws
#   remediation: Set BackupRetentionPeriod to the number of days of recovery you need (7 or more; at most 35).
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "AWS::RDS::DBInstance"
	p := input.resource.Properties
	p.BackupRetentionPeriod in {0, "0"}
	lib.missing(p, "DBClusterIdentifier")
	msg := sprintf("RDS instance %q has automated backups disabled (BackupRetentionPeriod: 0)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "BackupRetentionPeriod"), msg)
}
