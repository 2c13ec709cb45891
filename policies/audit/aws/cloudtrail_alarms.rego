package tollgate.audit.aws.cloudtrail_alarms

import data.tollgate.lib
import rego.v1

# The CIS AWS Foundations monitoring controls (section 4): for each rule, the events
# and the CloudWatch Logs filter pattern the benchmark gives for them. A metric filter
# matches a control when its pattern holds every term of the benchmark's pattern, in any
# order, with any spacing and quoting (see terms); extra terms are accepted.
controls := {
	"TG-AWS-530": {"cis": "4.1", "events": "unauthorized API calls", "pattern": `($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")`},
	"TG-AWS-531": {"cis": "4.2", "events": "console sign-ins without MFA", "pattern": `($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes")`},
	"TG-AWS-532": {"cis": "4.3", "events": "use of the root user", "pattern": `$.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent"`},
	"TG-AWS-533": {"cis": "4.4", "events": "IAM policy changes", "pattern": concat(" || ", [sprintf("($.eventName = %s)", [e]) | some e in [
		"DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
		"CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
		"AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy",
	]])},
	"TG-AWS-534": {"cis": "4.5", "events": "CloudTrail configuration changes", "pattern": `($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging)`},
	"TG-AWS-535": {"cis": "4.6", "events": "console authentication failures", "pattern": `($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication")`},
	"TG-AWS-536": {"cis": "4.7", "events": "disabling or scheduled deletion of KMS keys", "pattern": `($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion))`},
	"TG-AWS-537": {"cis": "4.8", "events": "S3 bucket policy changes", "pattern": concat("", [
		"($.eventSource = s3.amazonaws.com) && (", concat(" || ", [sprintf("($.eventName = %s)", [e]) | some e in [
			"PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
			"DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication",
		]]),
		")",
	])},
	"TG-AWS-538": {"cis": "4.9", "events": "AWS Config configuration changes", "pattern": `($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder))`},
	"TG-AWS-539": {"cis": "4.10", "events": "security group changes", "pattern": `($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup)`},
	"TG-AWS-540": {"cis": "4.11", "events": "network ACL changes", "pattern": `($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation)`},
	"TG-AWS-541": {"cis": "4.12", "events": "network gateway changes", "pattern": `($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway)`},
	"TG-AWS-542": {"cis": "4.13", "events": "route table changes", "pattern": `($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)`},
	"TG-AWS-543": {"cis": "4.14", "events": "VPC changes", "pattern": `($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink)`},
	"TG-AWS-544": {"cis": "4.15", "events": "AWS Organizations changes", "pattern": `$.eventSource = organizations.amazonaws.com`},
}

# METADATA
# title: No CloudWatch metric filter and alarm for unauthorized API calls
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts failed authorizations
#   (errorCode *UnauthorizedOperation or AccessDenied*), or no aws_cloudwatch_metric_alarm
#   watches that filter's metric: probing with stolen or under-privileged credentials goes
#   unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-530
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric_name and namespace notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.1"]
#     nist-800-53: ["AU-6", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for console sign-in without MFA
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts ConsoleLogin events without MFA, or
#   no aws_cloudwatch_metric_alarm watches that filter's metric: a password-only sign-in,
#   the usual sign of a phished or reused password, goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-531
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.2"]
#     nist-800-53: ["AU-6", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for root user activity
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts calls made by the root user, or no
#   aws_cloudwatch_metric_alarm watches that filter's metric: use of the account's
#   unrestricted identity goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-532
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.3"]
#     nist-800-53: ["AU-6", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for IAM policy changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts the creation, change, attachment and
#   deletion of IAM policies, or no aws_cloudwatch_metric_alarm watches that filter's metric:
#   a privilege escalation goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-533
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group whose pattern matches each of the CIS 4.4 event names (DeleteGroupPolicy, DeleteRolePolicy, DeleteUserPolicy, PutGroupPolicy, PutRolePolicy, PutUserPolicy, CreatePolicy, DeletePolicy, CreatePolicyVersion, DeletePolicyVersion and the Attach/Detach Role, User and Group Policy calls), and an aws_cloudwatch_metric_alarm on its metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.4"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for CloudTrail configuration changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts CreateTrail, UpdateTrail,
#   DeleteTrail, StartLogging and StopLogging, or no aws_cloudwatch_metric_alarm watches that
#   filter's metric: an intruder who stops or redirects the audit trail goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-534
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.5"]
#     nist-800-53: ["AU-6", "AU-9", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for console authentication failures
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts failed console sign-ins, or no
#   aws_cloudwatch_metric_alarm watches that filter's metric: password guessing against
#   the console goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-535
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.6"]
#     nist-800-53: ["AU-6", "SI-4", "AC-7"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for disabled or deleted KMS keys
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts DisableKey and ScheduleKeyDeletion
#   calls to KMS, or no aws_cloudwatch_metric_alarm watches that filter's metric: a key
#   being disabled or scheduled for deletion, which makes the data it encrypts unreadable,
#   goes unnoticed until the data is lost.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-536
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.7"]
#     nist-800-53: ["AU-6", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for S3 bucket policy changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts changes to bucket ACLs, policies,
#   CORS, lifecycle and replication, or no aws_cloudwatch_metric_alarm watches that filter's
#   metric: a bucket opened to the world or replicated elsewhere goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-537
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group whose pattern matches eventSource s3.amazonaws.com with each CIS 4.8 event name (PutBucketAcl, PutBucketPolicy, PutBucketCors, PutBucketLifecycle, PutBucketReplication, DeleteBucketPolicy, DeleteBucketCors, DeleteBucketLifecycle, DeleteBucketReplication), and an aws_cloudwatch_metric_alarm on its metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.8"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for AWS Config changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts StopConfigurationRecorder and the
#   changes to Config's recorder and delivery channel, or no aws_cloudwatch_metric_alarm
#   watches that filter's metric: the configuration history can be switched off unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-538
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.9"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for security group changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts the creation, deletion and rule
#   changes of security groups, or no aws_cloudwatch_metric_alarm watches that filter's
#   metric: a port opened to the internet goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-539
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.10"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for network ACL changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts the creation, deletion and changes
#   of network ACLs and their entries, or no aws_cloudwatch_metric_alarm watches that
#   filter's metric: a subnet opened to new traffic goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-540
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.11"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for network gateway changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts the creation, attachment and
#   deletion of internet and customer gateways, or no aws_cloudwatch_metric_alarm watches
#   that filter's metric: a new path into or out of a VPC goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-541
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.12"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for route table changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts the creation, replacement and
#   deletion of routes and route tables, or no aws_cloudwatch_metric_alarm watches that
#   filter's metric: traffic rerouted through an attacker's appliance goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-542
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }" and a metric_transformation, and an aws_cloudwatch_metric_alarm on that metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.13"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for VPC changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts the creation, deletion and changes
#   of VPCs and their peering and ClassicLink connections, or no aws_cloudwatch_metric_alarm
#   watches that filter's metric: a VPC peered with an outside account goes unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-543
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group whose pattern matches each CIS 4.14 event name (CreateVpc, DeleteVpc, ModifyVpcAttribute, AcceptVpcPeeringConnection, CreateVpcPeeringConnection, DeleteVpcPeeringConnection, RejectVpcPeeringConnection, AttachClassicLinkVpc, DetachClassicLinkVpc, DisableVpcClassicLink, EnableVpcClassicLink), and an aws_cloudwatch_metric_alarm on its metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.14"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# METADATA
# title: No CloudWatch metric filter and alarm for AWS Organizations changes
# description: |
#   A multi-region aws_cloudtrail sends its events to this aws_cloudwatch_log_group, but no
#   aws_cloudwatch_log_metric_filter on the group counts calls to AWS Organizations, or no
#   aws_cloudwatch_metric_alarm watches that filter's metric: accounts invited, removed or
#   given new service control policies go unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: TG-AWS-544
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add an aws_cloudwatch_log_metric_filter on the trail's log group with pattern = "{ ($.eventSource = organizations.amazonaws.com) }" (or narrowed to the CIS 4.15 event names), and an aws_cloudwatch_metric_alarm on its metric notifying an SNS topic.
#   frameworks:
#     cis-aws-2.0: ["4.15"]
#     nist-800-53: ["AU-6", "SI-4", "CM-3"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_cloudwatch_log_group"
	some gap in gaps(rego.metadata.rule().custom.id)
	finding := lib.finding(rego.metadata.rule(), gap.location, gap.msg)
}

# ---------------------------------------------------------------------------
# The log group, the trails that send to it, its metric filters and their alarms.

group := input.resource

group_name := group.name if is_string(group.name)

group_label := sprintf("log group %q", [group_name]) if group_name

else := sprintf("log group %s", [input.address])

# gaps(id) are the findings of control id: one per trail that sends to the group.
gaps(id) := {{"location": lib.loc(t), "msg": msg} |
	# The trails first: most log groups receive none, and then the
	# controls' patterns are never built.
	some t in trails
	c := controls[id]
	msg := gap_msg(t, c)
}

gap_msg(t, c) := sprintf("%s sends its events to %s, which has no metric filter for %s (CIS %s)", [trail_label(t), group_label, c.events, c.cis]) if {
	not filter_may_exist(c.pattern)
} else := sprintf("%s sends its events to %s, whose metric filter %s for %s has no CloudWatch alarm on its metric (CIS %s)", [trail_label(t), group_label, concat(", ", names), c.events, c.cis]) if {
	not alarm_may_exist(c.pattern)
	names := {filter_label(f) | some f in filters; on_group(f); matches(f.pattern, c.pattern)}
	count(names) > 0
}

trail_label(t) := sprintf("CloudTrail trail %q", [t.name]) if is_string(t.name)

else := "A CloudTrail trail"

filter_label(f) := sprintf("%q", [f.name]) if is_string(f.name)

else := "(unnamed)"

# trails are the multi-region, logging trails that send their events to this group. The
# configuration's filters and alarms must be known: a plan document has none, and no
# conclusion is drawn from the references a plan does not name.
trails contains t if {
	is_object(input.configuration)
	not input.related_unknown
	some t in object.get(input, ["related", "aws_cloudtrail"], [])
	lib.is_true(t.is_multi_region_trail)
	not lib.unknown(t, "enable_logging")
	not lib.is_false(object.get(t, "enable_logging", true))
	sends_here(t)
}

# The trail refers to the group; its ARN, computed, is unknown, or a literal naming it.
sends_here(t) if lib.unknown(t, "cloud_watch_logs_group_arn")

sends_here(t) if {
	is_string(t.cloud_watch_logs_group_arn)
	contains(concat("", [t.cloud_watch_logs_group_arn, ":"]), sprintf(":log-group:%s:", [group_name]))
}

# filters are the metric filters of the configuration, and those that refer to the group.
filters := array.concat(
	object.get(input, ["configuration", "aws_cloudwatch_log_metric_filter"], []),
	object.get(input, ["related", "aws_cloudwatch_log_metric_filter"], []),
)

alarms := object.get(input, ["configuration", "aws_cloudwatch_metric_alarm"], [])

# on_group(f): the filter surely reads this group: it names the group, by reference or
# by its literal name.
on_group(f) if f.log_group_name == group_name

on_group(f) if {
	f in object.get(input, ["related", "aws_cloudwatch_log_metric_filter"], [])
	lib.unknown(f, "log_group_name")
}

# may_be_on_group(f): the filter could read this group (its log group name, or the
# group's, cannot be known).
may_be_on_group(f) if on_group(f)

may_be_on_group(f) if lib.unknown(f, "log_group_name")

may_be_on_group(f) if {
	lib.unknown(group, "name")
	is_string(f.log_group_name)
}

may_match(f, pattern) if lib.unknown(f, "pattern")

may_match(f, pattern) if matches(f.pattern, pattern)

filter_may_exist(pattern) if {
	some f in filters
	may_be_on_group(f)
	may_match(f, pattern)
}

alarm_may_exist(pattern) if {
	some f in filters
	may_be_on_group(f)
	may_match(f, pattern)
	may_be_watched(f)
}

# may_be_watched(f): some alarm could watch the metric f publishes (same metric name and
# namespace, either of which may be unknown).
may_be_watched(f) if lib.unknown(f, "metric_transformation")

may_be_watched(f) if {
	some a in alarms
	lib.unknown(a, "metric_query")
}

may_be_watched(f) if {
	some a in alarms
	some q in object.get(a, "metric_query", [])
	lib.unknown(q, "metric")
}

may_be_watched(f) if {
	some mt in f.metric_transformation
	some a in alarms
	some m in alarm_metrics(a)
	may_equal(m, "metric_name", mt, "name")
	may_equal(m, "namespace", mt, "namespace")
}

# alarm_metrics(a) are the alarm itself (metric_name, namespace) and the metric blocks of
# its metric_query blocks.
alarm_metrics(a) := array.concat([a], [m |
	some q in object.get(a, "metric_query", [])
	some m in object.get(q, "metric", [])
])

may_equal(x, k, _, _) if lib.unknown(x, k)

may_equal(_, _, y, l) if lib.unknown(y, l)

may_equal(x, k, y, l) if x[k] == y[l]

# ---------------------------------------------------------------------------
# Filter patterns. matches(p, want): p holds every term of want. A term is a comparison
# between the (), {}, || and && of a pattern, without spaces or double quotes, "==" read
# as "=" and the leading $ dropped: ($.eventName = "ConsoleLogin") and
# ($.eventName=ConsoleLogin) are the same term.
matches(p, want) if {
	is_string(p)
	have := terms(p)
	every t in terms(want) {
		t in have
	}
}

terms(p) := {trim_prefix(t, "$") |
	some t in regex.split(`[(){}|&]+`, replace(replace(regex.replace(p, `\s+`, ""), `"`, ""), "==", "="))
	t != ""
}
