package tollgate.audit.cloudformation.cloudfront_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.cloudfront
import rego.v1

#  1 Cdn:
#  2   Type: AWS::CloudFront::Distribution
#  3   Properties:
#  4     DistributionConfig:
#  5       Enabled: true
#  6       Logging:
#  7         Bucket: orders-cdn-logs.s3.amazonaws.com
distribution(config, attrs) := fx.resource("AWS::CloudFront::Distribution", "Cdn", {"DistributionConfig": fx.M(4, 7, object.union({"Enabled": 5}, attrs), object.union({"Enabled": true}, config))}, {}, 7)

test_tg_cfn_060_violation if {
	f := fx.only(cloudfront.deny, "TG-CFN-060") with input as distribution({}, {})
	f.location == fx.at(4, 7)
	f.message == `CloudFront distribution "Cdn" has no access logging (DistributionConfig Logging)`
}

test_tg_cfn_060_compliant if {
	logging := fx.M(6, 7, {"Bucket": 7}, {"Bucket": "orders-cdn-logs.s3.amazonaws.com"})
	count(fx.ids(cloudfront.deny, "TG-CFN-060")) == 0 with input as distribution({"Logging": logging}, {})
}

test_tg_cfn_060_unknown_does_not_fire if {
	count(fx.ids(cloudfront.deny, "TG-CFN-060")) == 0 with input as distribution({}, {"Logging": fx.U(6)})
}
