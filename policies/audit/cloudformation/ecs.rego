package tollgate.audit.cloudformation.ecs

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation ECS cluster has Container Insights disabled
# description: |
#   The ClusterSettings of an AWS::ECS::Cluster have no containerInsights entry set to
#   enabled or enhanced (off unless the account setting turns it on): task and container
#   metrics, restarts and failures are not collected, so an intrusion or a crash loop leaves
#   no trace in CloudWatch. A settings list the template does not fully decide is not
#   evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-cluster-clustersettings.html
# - https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html
# custom:
#   id: TG-CFN-107
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add ClusterSettings with Name containerInsights and Value enabled (or enhanced).
#   frameworks:
#     nist-800-53: ["SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "AWS::ECS::Cluster"
	p := input.resource.Properties
	v := insights_off(p)
	msg := sprintf("ECS cluster %q does not collect Container Insights (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

insights_off(p) := {"text": "no ClusterSettings", "location": lib.loc(p)} if {
	lib.missing(p, "ClusterSettings")
} else := {"text": sprintf("containerInsights = %v", [s.Value]), "location": lib.loc(s)} if {
	some s in p.ClusterSettings
	s.Name == "containerInsights"
	is_string(s.Value)
	not lower(s.Value) in {"enabled", "enhanced"}
} else := {"text": "no containerInsights setting", "location": lib.attr_loc(p, "ClusterSettings")} if {
	is_array(p.ClusterSettings)
	not lib.unknown(p, "ClusterSettings")
	not mentioned(p.ClusterSettings)
}

mentioned(settings) if {
	some s in settings
	s.Name == "containerInsights"
}

mentioned(settings) if {
	some s in settings
	is_object(s)
	lib.unknown(s, "Name")
}
