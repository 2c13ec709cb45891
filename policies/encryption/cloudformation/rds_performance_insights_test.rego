package tollgate.encryption.cloudformation.rds_performance_insights_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.rds_performance_insights
import rego.v1

#  1 OrdersDB:
#  2   Type: AWS::RDS::DBInstance
#  3   Properties:
#  4     EnablePerformanceInsights: true
#  5     PerformanceInsightsKMSKeyId: KEY
db(props) := fx.resource("AWS::RDS::DBInstance", "OrdersDB", props, {k: line | some k, _ in props; line := {"EnablePerformanceInsights": 4, "PerformanceInsightsKMSKeyId": 5}[k]}, 5)

test_tg_cfn_109_violation if {
	f := fx.only(rds_performance_insights.deny, "TG-CFN-109") with input as db({"EnablePerformanceInsights": true})
	f.location == fx.at(4, 4)
	f.message == `RDS instance "OrdersDB" encrypts Performance Insights data with the AWS managed key (PerformanceInsightsKMSKeyId is not set)`

	cluster := fx.resource("AWS::RDS::DBCluster", "Aurora", {"PerformanceInsightsEnabled": "true"}, {"PerformanceInsightsEnabled": 4}, 4)
	g := fx.only(rds_performance_insights.deny, "TG-CFN-109") with input as cluster
	g.location == fx.at(4, 4)
	g.message == `RDS cluster "Aurora" encrypts Performance Insights data with the AWS managed key (PerformanceInsightsKmsKeyId is not set)`
}

test_tg_cfn_109_compliant if {
	count(fx.ids(rds_performance_insights.deny, "TG-CFN-109")) == 0 with input as db({"EnablePerformanceInsights": true, "PerformanceInsightsKMSKeyId": "arn:aws:kms:us-east-1:123456789012:key/abc"})
	count(fx.ids(rds_performance_insights.deny, "TG-CFN-109")) == 0 with input as db({"EnablePerformanceInsights": false})

	unknown := fx.resource("AWS::RDS::DBInstance", "OrdersDB", {"EnablePerformanceInsights": true}, {"EnablePerformanceInsights": 4, "PerformanceInsightsKMSKeyId": fx.U(5)}, 5)
	count(fx.ids(rds_performance_insights.deny, "TG-CFN-109")) == 0 with input as unknown
}
