package tollgate.audit.aws.cloudtrail_alarms_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.cloudtrail_alarms as ca
import rego.v1

# resource "aws_cloudwatch_log_group" "trail" {                                 # line 1
#   name = "cloudtrail"                                                          # line 2
# }                                                                              # line 3
#
# resource "aws_cloudtrail" "main" {                                             # line 5
#   name                       = "main"                                          # line 6
#   is_multi_region_trail      = true                                            # line 7
#   cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"       # line 8
# }                                                                              # line 9
#
# resource "aws_cloudwatch_log_metric_filter" "f" {                              # line 11
#   name           = NAME                                                        # line 12
#   log_group_name = aws_cloudwatch_log_group.trail.name                         # line 13
#   pattern        = PATTERN                                                     # line 14
#   metric_transformation {                                                      # line 15
#     name      = NAME                                                           # line 16
#     namespace = "CISBenchmark"                                                 # line 17
#   }                                                                            # line 18
# }                                                                              # line 19
#
# resource "aws_cloudwatch_metric_alarm" "a" {                                   # line 21
#   metric_name = NAME                                                           # line 22
#   namespace   = "CISBenchmark"                                                 # line 23
# }                                                                              # line 24
trail(attrs) := fx.block(5, 9, object.union({"name": "main", "is_multi_region_trail": true, "cloud_watch_logs_group_arn": fx.unknown}, attrs), {"name": 6, "is_multi_region_trail": 7, "cloud_watch_logs_group_arn": 8, "enable_logging": 8})

filter(name, pattern) := filter_with(name, pattern, {})

filter_with(name, pattern, attrs) := fx.block(11, 19, object.union({"name": name, "log_group_name": "cloudtrail", "pattern": pattern, "metric_transformation": [transform(name)]}, attrs), {"name": 12, "log_group_name": 13, "pattern": 14, "metric_transformation": [15, 18]})

transform(name) := fx.block(15, 18, {"name": name, "namespace": "CISBenchmark"}, {"name": 16, "namespace": 17})

alarm(name) := fx.block(21, 24, {"metric_name": name, "namespace": "CISBenchmark"}, {"metric_name": 22, "namespace": 23})

# group(trails, related_filters, filters, alarms) is the log group document: the trails and
# the filters that refer to it, and every filter and alarm of the configuration.
group(trails, related_filters, filters, alarms) := object.union(
	fx.with_related(
		fx.with_related(fx.doc("aws_cloudwatch_log_group", "trail", fx.block(1, 3, {"name": "cloudtrail"}, {"name": 2})), "aws_cloudtrail", trails),
		"aws_cloudwatch_log_metric_filter", related_filters,
	),
	{"configuration": {"aws_cloudwatch_log_metric_filter": array.concat(related_filters, filters), "aws_cloudwatch_metric_alarm": alarms}},
)

# The patterns users write for the controls: spacing, quoting and order differ from the
# rule's table, some carry more terms (the CIS 1.2 non-MFA pattern, the CIS 2.0 pattern
# for unauthorized calls), the root one is written as Trivy's check has it.
written := {
	"TG-AWS-530": `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }`,
	"TG-AWS-531": `($.eventName = "ConsoleLogin") && 
($.additionalEventData.MFAUsed != "Yes") && 
($.userIdentity.type=="IAMUser") && 
($.responseElements.ConsoleLogin == "Success")`,
	"TG-AWS-532": `$.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && &.eventType != "AwsServiceEvent"`,
	"TG-AWS-533": `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`,
	"TG-AWS-534": `{ ($.eventName = StopLogging) || ($.eventName = StartLogging) || ($.eventName = DeleteTrail) || ($.eventName = UpdateTrail) || ($.eventName = CreateTrail) }`,
	"TG-AWS-535": `{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }`,
	"TG-AWS-536": `{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}`,
	"TG-AWS-537": `{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }`,
	"TG-AWS-538": `{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }`,
	"TG-AWS-539": `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }`,
	"TG-AWS-540": `{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }`,
	"TG-AWS-541": `{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }`,
	"TG-AWS-542": `{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }`,
	"TG-AWS-543": `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }`,
	"TG-AWS-544": `{ ($.eventSource = "organizations.amazonaws.com") && (($.eventName = "AcceptHandshake") || ($.eventName = "CreateAccount")) }`,
}

# The whole CIS set: one filter and one alarm per control.
all_filters := [filter(id, p) | some id, p in written]

all_alarms := [alarm(id) | some id, _ in written]

no_filter_msg(id) := sprintf(`CloudTrail trail "main" sends its events to log group "cloudtrail", which has no metric filter for %s (CIS %s)`, [ca.controls[id].events, ca.controls[id].cis])

no_alarm_msg(id) := sprintf(`CloudTrail trail "main" sends its events to log group "cloudtrail", whose metric filter "%s" for %s has no CloudWatch alarm on its metric (CIS %s)`, [id, ca.controls[id].events, ca.controls[id].cis])

ids(findings, id) := {f | some f in findings; f.rule_id == id}

# violation(id): the rule fires at the trail when the group has no filter for the control
# (others do), when the filter for it has no alarm, when the only filter for it reads
# another group, and when its filter leaves out one of the control's terms.
violation(id) if {
	others := [f | some f in all_filters; f.name != id]
	no_filter := ca.deny with input as group([trail({})], others, [], all_alarms)
	fx.found(no_filter, id, fx.span(5, 9), no_filter_msg(id))
	count(no_filter) == 1

	no_alarm := ca.deny with input as group([trail({})], all_filters, [], [a | some a in all_alarms; a.metric_name != id])
	fx.found(no_alarm, id, fx.span(5, 9), no_alarm_msg(id))
	count(no_alarm) == 1

	elsewhere := ca.deny with input as group([trail({})], others, [filter_with(id, written[id], {"log_group_name": "app-logs"})], all_alarms)
	fx.found(elsewhere, id, fx.span(5, 9), no_filter_msg(id))

	every t in ca.terms(ca.controls[id].pattern) {
		partial := concat(" || ", [sprintf("($%s)", [u]) | some u in ca.terms(ca.controls[id].pattern); u != t])
		incomplete := ca.deny with input as group([trail({})], array.concat(others, [filter(id, partial)]), [], all_alarms)
		fx.found(incomplete, id, fx.span(5, 9), no_filter_msg(id))
	}
}

# compliant(id): no finding with the control's filter (written differently) and alarm;
# none when what is missing cannot be known or is not there to judge.
compliant(id) if {
	count(ca.deny) == 0 with input as group([trail({})], all_filters, [], all_alarms)

	# The filter names the group by its literal name, without a reference.
	count(ca.deny) == 0 with input as group([trail({})], [], all_filters, all_alarms)

	others := [f | some f in all_filters; f.name != id]
	unknown_filters := [
		filter_with(id, fx.unknown, {}),
		filter_with(id, written[id], {"log_group_name": fx.unknown}),
	]
	every f in unknown_filters {
		count(ids(ca.deny, id)) == 0 with input as group([trail({})], others, [f], all_alarms)
	}

	other_alarms := [a | some a in all_alarms; a.metric_name != id]
	unknown_alarms := [
		fx.block(21, 24, {"metric_name": fx.unknown, "namespace": "CISBenchmark"}, {"metric_name": 22}),
		fx.block(21, 24, {"metric_name": id, "namespace": fx.unknown}, {"namespace": 23}),
		fx.block(21, 24, {"metric_query": fx.unknown}, {"metric_query": 22}),
		fx.block(21, 24, {"metric_query": [fx.block(22, 23, {"id": "m", "metric": [fx.block(22, 23, {"metric_name": id, "namespace": "CISBenchmark"}, {})]}, {})]}, {}),
	]
	every a in unknown_alarms {
		count(ids(ca.deny, id)) == 0 with input as group([trail({})], all_filters, [], array.concat(other_alarms, [a]))
	}
	count(ids(ca.deny, id)) == 0 with input as group([trail({})], [filter_with(f.name, f.pattern, {"metric_transformation": fx.unknown}) | some f in all_filters], [], other_alarms)

	# Not a multi-region trail that logs to this group; a plan (no configuration, unknown
	# references).
	count(ca.deny) == 0 with input as group([trail({"is_multi_region_trail": false})], [], [], [])
	count(ca.deny) == 0 with input as group([trail({"is_multi_region_trail": fx.unknown})], [], [], [])
	count(ca.deny) == 0 with input as group([trail({"enable_logging": false})], [], [], [])
	count(ca.deny) == 0 with input as group([trail({"enable_logging": fx.unknown})], [], [], [])
	count(ca.deny) == 0 with input as group([trail({"cloud_watch_logs_group_arn": "arn:aws:logs:eu-west-1:123456789012:log-group:other:*"})], [], [], [])
	count(ca.deny) == 0 with input as group([], [], [], [])
	count(ca.deny) == 0 with input as object.remove(group([trail({})], [], [], []), ["configuration"])
	count(ca.deny) == 0 with input as object.union(group([trail({})], [], [], []), {"related_unknown": true})
}

test_tg_aws_530_violation if violation("TG-AWS-530")

test_tg_aws_530_compliant if compliant("TG-AWS-530")

test_tg_aws_531_violation if violation("TG-AWS-531")

test_tg_aws_531_compliant if compliant("TG-AWS-531")

test_tg_aws_532_violation if violation("TG-AWS-532")

test_tg_aws_532_compliant if compliant("TG-AWS-532")

test_tg_aws_533_violation if violation("TG-AWS-533")

test_tg_aws_533_compliant if compliant("TG-AWS-533")

test_tg_aws_534_violation if violation("TG-AWS-534")

test_tg_aws_534_compliant if compliant("TG-AWS-534")

test_tg_aws_535_violation if violation("TG-AWS-535")

test_tg_aws_535_compliant if compliant("TG-AWS-535")

test_tg_aws_536_violation if violation("TG-AWS-536")

test_tg_aws_536_compliant if compliant("TG-AWS-536")

test_tg_aws_537_violation if violation("TG-AWS-537")

test_tg_aws_537_compliant if compliant("TG-AWS-537")

test_tg_aws_538_violation if violation("TG-AWS-538")

test_tg_aws_538_compliant if compliant("TG-AWS-538")

test_tg_aws_539_violation if violation("TG-AWS-539")

test_tg_aws_539_compliant if compliant("TG-AWS-539")

test_tg_aws_540_violation if violation("TG-AWS-540")

test_tg_aws_540_compliant if compliant("TG-AWS-540")

test_tg_aws_541_violation if violation("TG-AWS-541")

test_tg_aws_541_compliant if compliant("TG-AWS-541")

test_tg_aws_542_violation if violation("TG-AWS-542")

test_tg_aws_542_compliant if compliant("TG-AWS-542")

test_tg_aws_543_violation if violation("TG-AWS-543")

test_tg_aws_543_compliant if compliant("TG-AWS-543")

test_tg_aws_544_violation if violation("TG-AWS-544")

test_tg_aws_544_compliant if compliant("TG-AWS-544")

# Every control is reported at each trail that sends to the group, once.
test_every_control_without_filters if {
	findings := ca.deny with input as group([trail({}), trail({"name": "second"})], [], [], [])
	count(findings) == 2 * count(ca.controls)
	every id, _ in ca.controls {
		fx.found(findings, id, fx.span(5, 9), no_filter_msg(id))
	}
}

# Terms are whole comparisons: CreateRoute is not CreateRouteTable.
test_terms_are_whole if {
	not ca.matches(`{ ($.eventName = CreateRouteTable) }`, `($.eventName = CreateRoute)`)
	ca.matches(`{ ($.eventName = "CreateRoute") }`, `($.eventName = CreateRoute)`)
	ca.terms(`{ $.userIdentity.type == "Root" }`) == {".userIdentity.type=Root"}
}

# A group whose name is unknown may be the one a literal filter names.
test_unknown_group_name if {
	doc := json.patch(group([trail({})], [], all_filters, []), [
		{"op": "remove", "path": "/resource/name"},
		{"op": "add", "path": "/resource/__loc/attrs/name/unknown", "value": true},
	])
	count(ca.deny) == 0 with input as doc
}
