package tollgate.audit.cloudformation.config_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.config
import rego.v1

#  1 Aggregator:
#  2   Type: AWS::Config::ConfigurationAggregator
#  3   Properties:
#  4     OrganizationAggregationSource:
#  5       RoleArn: arn:aws:iam::123456789012:role/config
#  6       AllAwsRegions: VALUE
aggregator(source) := fx.resource("AWS::Config::ConfigurationAggregator", "Aggregator", {"OrganizationAggregationSource": fx.M(4, 6, {k: line | some k, _ in source; line := {"RoleArn": 5, "AwsRegions": 6, "AllAwsRegions": 6}[k]}, source)}, {}, 6)

test_tg_cfn_148_violation if {
	f := fx.only(config.deny, "TG-CFN-148") with input as aggregator({"RoleArn": "arn", "AwsRegions": ["us-east-1"]})
	f.location == fx.at(4, 6)
	f.message == `Config aggregator "Aggregator" does not collect from every region (AllAwsRegions is not set, default false)`

	g := fx.only(config.deny, "TG-CFN-148") with input as aggregator({"RoleArn": "arn", "AllAwsRegions": false})
	g.location == fx.at(6, 6)
}

test_tg_cfn_148_compliant if {
	count(fx.ids(config.deny, "TG-CFN-148")) == 0 with input as aggregator({"RoleArn": "arn", "AllAwsRegions": true})

	unknown := json.patch(aggregator({"RoleArn": "arn"}), [{"op": "add", "path": "/resource/Properties/OrganizationAggregationSource/__loc/attrs/AllAwsRegions", "value": fx.U(6)}])
	count(fx.ids(config.deny, "TG-CFN-148")) == 0 with input as unknown
}
