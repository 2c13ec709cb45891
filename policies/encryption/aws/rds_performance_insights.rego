package tollgate.encryption.aws.rds_performance_insights

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster": "RDS cluster",
	"aws_rds_cluster_instance": "RDS cluster instance",
}

# METADATA
# title: RDS Performance Insights data is not encrypted with a customer managed key
# description: |
#   performance_insights_enabled = true without performance_insights_kms_key_id on an
#   aws_db_instance, aws_rds_cluster or aws_rds_cluster_instance: Performance Insights
#   keeps samples of the SQL statements the database runs, with their literal values,
#   under the AWS managed key aws/rds, which every identity allowed to use RDS can use.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#performance_insights_kms_key_id
# custom:
#   id: TG-AWS-121
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set performance_insights_kms_key_id to a customer managed KMS key (it cannot be changed once set, so choose it before enabling).
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type in {"aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance"}
	r := input.resource
	lib.is_true(r.performance_insights_enabled)
	lib.missing(r, "performance_insights_kms_key_id")
	msg := sprintf("%s %q keeps Performance Insights data under the AWS managed key (performance_insights_kms_key_id is not set)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "performance_insights_enabled"), msg)
}
