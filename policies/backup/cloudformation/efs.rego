package tollgate.backup.cloudformation.efs

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation EFS automatic backups are disabled
# description: |
#   The AWS::EFS::FileSystem has no BackupPolicy (file systems created through the API
#   and CloudFormation are not backed up by default), or one whose Status is not ENABLED:
#   AWS Backup takes no daily backup of the files, so a deletion or a ransomware
#   encryption of the share cannot be undone.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-efs-filesystem-backuppolicy.html
# - https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html#automatic-backups
# custom:
#   id: TG-CFN-049
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set BackupPolicy to {Status ENABLED}, or select the file system in an AWS Backup plan.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "AWS::EFS::FileSystem"
	p := input.resource.Properties
	v := no_backups(p)
	msg := sprintf("EFS file system %q has automatic backups disabled (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

no_backups(p) := {"text": "BackupPolicy is not set", "location": lib.loc(p)} if {
	lib.missing(p, "BackupPolicy")
}

no_backups(p) := {"text": sprintf("BackupPolicy Status: %s", [policy.Status]), "location": lib.attr_loc(policy, "Status")} if {
	policy := p.BackupPolicy
	is_string(policy.Status)
	policy.Status != "ENABLED"
}
