package tollgate.audit.aws.ecs

import data.tollgate.lib
import rego.v1

# METADATA
# title: ECS cluster does not use Container Insights
# description: |
#   The aws_ecs_cluster has no setting { name = "containerInsights" } with value
#   "enabled" or "enhanced" (it is off unless the account's default turns it on): the
#   cluster's tasks and services publish no per-task CPU, memory, network and restart
#   metrics or performance log events, so crashes, resource abuse such as cryptomining and
#   unusual traffic go unnoticed.
# related_resources:
# - https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_cluster#setting
# custom:
#   id: TG-AWS-254
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add setting { name = "containerInsights" value = "enabled" } (or "enhanced") to the cluster.
#   frameworks:
#     nist-800-53: ["SI-4", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "aws_ecs_cluster"
	some p in insights_problems
	finding := lib.finding(rego.metadata.rule(), p.location, sprintf("ECS cluster %q does not use Container Insights (%s)", [input.name, p.problem]))
}

insights_problems contains {"location": lib.loc(r), "problem": "no containerInsights setting"} if {
	r := input.resource
	not lib.unknown(r, "setting")
	not insights_set(r)
}

insights_problems contains {"location": lib.attr_loc(s, "value"), "problem": sprintf("containerInsights = %q", [s.value])} if {
	some s in input.resource.setting
	s.name == "containerInsights"
	is_string(s.value)
	not lower(s.value) in {"enabled", "enhanced"}
}

# A containerInsights setting is there, or one whose name or value is not known.
insights_set(r) if {
	some s in r.setting
	s.name == "containerInsights"
}

insights_set(r) if {
	some s in r.setting
	lib.unknown(s, "name")
}
