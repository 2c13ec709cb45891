package tollgate.audit.aws.cloudtrail_monitoring

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudTrail trail is not integrated with CloudWatch Logs
# description: |
#   The aws_cloudtrail has no cloud_watch_logs_group_arn: events reach S3 only, in
#   files delivered every few minutes, so no metric filter or alarm can react to root
#   logins, IAM policy changes or CloudTrail being stopped.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-5
# custom:
#   id: TG-AWS-171
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set cloud_watch_logs_group_arn ("${aws_cloudwatch_log_group.trail.arn}:*") and cloud_watch_logs_role_arn, and add metric filters and alarms for the events that matter.
#   frameworks:
#     cis-aws-2.0: ["3.4"]
#     nist-800-53: ["AU-6", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudtrail"
	r := input.resource
	lib.missing(r, "cloud_watch_logs_group_arn")
	msg := sprintf("CloudTrail trail %q does not send events to CloudWatch Logs (cloud_watch_logs_group_arn is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

# METADATA
# title: CloudTrail trail does not record global service events
# description: |
#   include_global_service_events = false on an aws_cloudtrail: events of global
#   services such as IAM, STS and CloudFront, including every user, role and policy
#   change, are not recorded by this trail.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#include_global_service_events
# custom:
#   id: TG-AWS-172
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Remove include_global_service_events = false (it is true by default), at least on the multi-region trail.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_cloudtrail"
	r := input.resource
	lib.is_false(r.include_global_service_events)
	msg := sprintf("CloudTrail trail %q does not record global service events such as IAM (include_global_service_events = false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "include_global_service_events"), msg)
}
