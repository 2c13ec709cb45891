package tollgate.audit.cloudformation.cloudtrail_monitoring

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation CloudTrail log file validation is disabled
# description: |
#   EnableLogFileValidation is false, or not set (its default is false), on an
#   AWS::CloudTrail::Trail: CloudTrail writes no signed digest files, so an attacker who
#   edits or deletes log files in the bucket to cover their tracks goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html#cfn-cloudtrail-trail-enablelogfilevalidation
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
# custom:
#   id: TG-CFN-052
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Set EnableLogFileValidation to true, and check the digests with aws cloudtrail validate-logs during investigations.
#   frameworks:
#     cis-aws-2.0: ["3.2"]
#     nist-800-53: ["AU-9"]
#     pci-dss-4.0: ["10.3.4"]
deny contains finding if {
	input.type == "AWS::CloudTrail::Trail"
	p := input.resource.Properties
	problem := helpers.off(p, "EnableLogFileValidation")
	msg := sprintf("CloudTrail trail %q does not validate its log files (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "EnableLogFileValidation"), msg)
}

# METADATA
# title: CloudFormation CloudTrail trail is not integrated with CloudWatch Logs
# description: |
#   The AWS::CloudTrail::Trail has no CloudWatchLogsLogGroupArn: API activity reaches only
#   the S3 bucket, where no metric filter or alarm can watch for root logins, policy
#   changes or disabled trails as they happen.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html#cfn-cloudtrail-trail-cloudwatchlogsloggrouparn
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
# custom:
#   id: TG-CFN-053
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn, and add metric filters and alarms for the events you must react to.
#   frameworks:
#     cis-aws-2.0: ["3.4"]
#     nist-800-53: ["AU-6", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "AWS::CloudTrail::Trail"
	p := input.resource.Properties
	lib.missing(p, "CloudWatchLogsLogGroupArn")
	msg := sprintf("CloudTrail trail %q does not deliver events to CloudWatch Logs (no CloudWatchLogsLogGroupArn)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}

# METADATA
# title: CloudFormation CloudTrail trail does not record global service events
# description: |
#   IncludeGlobalServiceEvents is false on an AWS::CloudTrail::Trail: calls to global
#   services such as IAM, STS and CloudFront (new users, access keys, policy changes) are
#   not recorded by the trail.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html#cfn-cloudtrail-trail-includeglobalserviceevents
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events
# custom:
#   id: TG-CFN-054
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Remove IncludeGlobalServiceEvents false (its default is true), at least on one multi-region trail.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "AWS::CloudTrail::Trail"
	p := input.resource.Properties
	lib.is_false(p.IncludeGlobalServiceEvents)
	msg := sprintf("CloudTrail trail %q does not record global service events such as IAM (IncludeGlobalServiceEvents: false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "IncludeGlobalServiceEvents"), msg)
}
