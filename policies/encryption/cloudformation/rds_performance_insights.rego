package tollgate.encryption.cloudformation.rds_performance_insights

import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

# METADATA
# title: CloudFormation RDS Performance Insights data is not encrypted with a customer managed key
# description: |
#   An AWS::RDS::DBInstance or AWS::RDS::DBCluster turns Performance Insights on
#   (EnablePerformanceInsights true) without PerformanceInsightsKMSKeyId: the collected
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
#   remediation: Set PerformanceInsightsKMSKeyId to a customer managed key (it cannot be changed once Performance Insights is on).
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	kind := kinds[input.type]
	p := input.resource.Properties
	lib.is_true(p.EnablePerformanceInsights)
	lib.missing(p, "PerformanceInsightsKMSKeyId")
	msg := sprintf("%s %q encrypts Performance Insights data with the AWS managed key (PerformanceInsightsKMSKeyId is not set)", [kind, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "EnablePerformanceInsights"), msg)
}
