package tollgate.audit.cloudformation.s3_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.s3
import rego.v1

#  1 DataBucket:
#  2   Type: AWS::S3::Bucket
#  3   Properties:
#  4     BucketName: orders-data
#  5     <each of props>
bucket(props, attrs) := fx.resource("AWS::S3::Bucket", "DataBucket", object.union({"BucketName": "orders-data"}, props), object.union({"BucketName": 4}, attrs), 6)

test_tg_cfn_055_violation if {
	f := fx.only(s3.deny, "TG-CFN-055") with input as bucket({}, {})
	f.location == fx.at(3, 6)
	f.message == `S3 bucket "DataBucket" has no access logging (LoggingConfiguration)`
}

test_tg_cfn_055_compliant if {
	logging := fx.M(5, 6, {"DestinationBucketName": 6}, {"DestinationBucketName": "orders-access-logs"})
	count(fx.ids(s3.deny, "TG-CFN-055")) == 0 with input as bucket({"LoggingConfiguration": logging}, {})

	# The log bucket itself.
	count(fx.ids(s3.deny, "TG-CFN-055")) == 0 with input as bucket({"AccessControl": "LogDeliveryWrite"}, {"AccessControl": 5})
}

test_tg_cfn_055_unknown_does_not_fire if {
	count(fx.ids(s3.deny, "TG-CFN-055")) == 0 with input as bucket({}, {"LoggingConfiguration": fx.U(5)})
	count(fx.ids(s3.deny, "TG-CFN-055")) == 0 with input as bucket({}, {"AccessControl": fx.U(5)})
}
