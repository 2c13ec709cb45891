package tollgate.backup.cloudformation.redshift

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Redshift automated snapshot retention is below the minimum
# description: |
#   AutomatedSnapshotRetentionPeriod on an AWS::Redshift::Cluster is lower than the
#   min_backup_retention_days parameter (7 by default), or not set (its default is 1
#   day); 0 turns automated snapshots off. A dropped table or a bad load noticed after
#   that window cannot be restored.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html#cfn-redshift-cluster-automatedsnapshotretentionperiod
# - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#about-automated-snapshots
# custom:
#   id: TG-CFN-051
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set AutomatedSnapshotRetentionPeriod to at least the minimum your recovery objectives require (7 days by default, at most 35), and keep manual snapshots for longer.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "AWS::Redshift::Cluster"
	p := input.resource.Properties
	minimum := helpers.number(lib.param("min_backup_retention_days"))
	problem := short_retention(p, minimum)
	msg := sprintf("Redshift cluster %q keeps automated snapshots for less than %d days (%s)", [input.name, minimum, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "AutomatedSnapshotRetentionPeriod"), msg)
}

short_retention(p, minimum) := sprintf("AutomatedSnapshotRetentionPeriod: %d", [n]) if {
	n := helpers.number(p.AutomatedSnapshotRetentionPeriod)
	n < minimum
} else := "AutomatedSnapshotRetentionPeriod is not set, default 1 day" if {
	lib.missing(p, "AutomatedSnapshotRetentionPeriod")
	1 < minimum
}
