package tollgate.backup.cloudformation.rds_recovery

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

# METADATA
# title: CloudFormation RDS backup retention is below the minimum
# description: |
#   BackupRetentionPeriod on an AWS::RDS::DBInstance or AWS::RDS::DBCluster is lower than
#   the min_backup_retention_days parameter (7 by default), or not set (AWS then keeps
#   automated backups for 1 day): a corruption or a bad migration noticed after that
#   window cannot be undone with point-in-time recovery. Aurora instances
#   (DBClusterIdentifier: the cluster's retention applies) and read replicas
#   (SourceDBInstanceIdentifier) are not reported, and an explicit 0 on an instance is
#   reported by TG-CFN-003.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-backupretentionperiod
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html#USER_WorkingWithAutomatedBackups.BackupRetention
# custom:
#   id: TG-CFN-042
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set BackupRetentionPeriod to at least the minimum your recovery objectives require (7 days by default, at most 35), and keep longer copies with AWS Backup.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	p := input.resource.Properties
	own_backups(p)
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	problem := short_retention(p, minimum)
	msg := sprintf("%s %q keeps automated backups for less than %d days (%s)", [kinds[input.type], input.name, minimum, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "BackupRetentionPeriod"), msg)
}

# The database's backups are its own: a cluster, or an instance that is neither an
# Aurora member nor a read replica.
own_backups(_) if input.type == "AWS::RDS::DBCluster"

own_backups(p) if {
	input.type == "AWS::RDS::DBInstance"
	standalone(p)
}

standalone(p) if {
	lib.missing(p, "DBClusterIdentifier")
	lib.missing(p, "SourceDBInstanceIdentifier")
}

short_retention(p, minimum) := sprintf("BackupRetentionPeriod: %d", [n]) if {
	n := helpers.number(p.BackupRetentionPeriod)
	n < minimum
	not zero_on_instance(n)
} else := "BackupRetentionPeriod is not set, default 1 day" if {
	lib.missing(p, "BackupRetentionPeriod")
	1 < minimum
}

# TG-CFN-003 reports disabled backups on an instance.
zero_on_instance(0) if input.type == "AWS::RDS::DBInstance"

# METADATA
# title: CloudFormation RDS database has no deletion protection
# description: |
#   DeletionProtection is false, or not set (its default is false), on an
#   AWS::RDS::DBCluster or on an AWS::RDS::DBInstance that is not an Aurora member
#   (whose cluster decides): a stack deletion, a replacement forced by a changed property
#   or a console mistake deletes the database and, unless a final snapshot is taken, its
#   automated backups with it.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-deletionprotection
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
# custom:
#   id: TG-CFN-043
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set DeletionProtection to true; turn it off deliberately, in a separate change, before deleting the database.
#   frameworks:
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	p := input.resource.Properties
	protects_itself(p)
	problem := helpers.off(p, "DeletionProtection")
	msg := sprintf("%s %q has no deletion protection (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "DeletionProtection"), msg)
}

protects_itself(_) if input.type == "AWS::RDS::DBCluster"

protects_itself(p) if {
	input.type == "AWS::RDS::DBInstance"
	lib.missing(p, "DBClusterIdentifier")
}

# METADATA
# title: CloudFormation RDS instance is not Multi-AZ
# description: |
#   MultiAZ is false, or not set (its default is false), on an AWS::RDS::DBInstance: the
#   database runs in one Availability Zone, so a zone or host failure means a restore
#   from backup, with its data loss since the last transaction log upload and hours of
#   downtime, instead of an automatic failover. Aurora instances and read replicas are
#   not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-multiaz
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
# custom:
#   id: TG-CFN-044
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set MultiAZ to true for production databases (or use a Multi-AZ DB cluster or Aurora).
#   frameworks:
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "AWS::RDS::DBInstance"
	p := input.resource.Properties
	standalone(p)
	problem := helpers.off(p, "MultiAZ")
	msg := sprintf("RDS instance %q runs in a single Availability Zone (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "MultiAZ"), msg)
}
