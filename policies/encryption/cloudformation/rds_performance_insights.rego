package tollgate.encryption.cloudformation.rds_performance_insights

import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

# The switch and key properties of each type (they are spelled differently).
properties := {
	"AWS::RDS::DBInstance": ["EnablePerformanceInsights", "PerformanceInsightsKMSKeyId"],
	"AWS::RDS::DBCluster": ["PerformanceInsightsEnabled", "PerformanceInsightsKmsKeyId"],
}

# METADATA
# title: CloudFormation RDS Performance Insights data is not encrypted with a customer managed key
# description: |
#   An AWS::RDS::DBInstance (EnablePerformanceInsights) or AWS::RDS::DBCluster
#   (PerformanceInsightsEnabled) turns Performance Insights on without a key
#   (PerformanceInsightsKMSKeyId, PerformanceInsightsKmsKeyId for clusters): the collected
#   query texts and wait statistics, which often include literal values from the
#   application's SQL, are encrypted with the AWS managed aws/rds key, whose use the account
#   cannot restrict.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-performanceinsightskmskeyid
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.html
# custom:
#   id: TG-CFN-109
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set PerformanceInsightsKMSKeyId (PerformanceInsightsKmsKeyId on a cluster) to a customer managed key (it cannot be changed once Performance Insights is on).
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	kind := kinds[input.type]
	[switch, key] := properties[input.type]
	p := input.resource.Properties
	lib.is_true(p[switch])
	lib.missing(p, key)
	msg := sprintf("%s %q encrypts Performance Insights data with the AWS managed key (%s is not set)", [kind, input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, switch), msg)
}
