package tollgate.backup.cloudformation.s3

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation S3 bucket versioning is disabled
# description: |
#   The AWS::S3::Bucket has no VersioningConfiguration, or one with Status Suspended: an
#   overwritten or deleted object is gone for good, whether by a bug, a sync gone wrong or
#   ransomware that rewrites every object.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-versioningconfiguration.html
# - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
# custom:
#   id: TG-CFN-047
#   severity: medium
#   category: backup
#   provider: aws
#   remediation: Set VersioningConfiguration to {Status Enabled}, with a lifecycle rule (NoncurrentVersionExpiration) that bounds what old versions cost.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type == "AWS::S3::Bucket"
	p := input.resource.Properties
	v := unversioned(p)
	msg := sprintf("S3 bucket %q does not version its objects (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

unversioned(p) := {"text": "VersioningConfiguration is not set", "location": lib.loc(p)} if {
	lib.missing(p, "VersioningConfiguration")
}

unversioned(p) := {"text": sprintf("VersioningConfiguration Status: %s", [vc.Status]), "location": lib.attr_loc(vc, "Status")} if {
	vc := p.VersioningConfiguration
	is_string(vc.Status)
	vc.Status != "Enabled"
}
