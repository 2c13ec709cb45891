package tollgate.encryption.cloudformation.s3_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.s3
import rego.v1

#  1 DataBucket:
#  2   Type: AWS::S3::Bucket
#  3   Properties:
#  4     BucketName: orders-data
#  5     BucketEncryption:
#  6       ServerSideEncryptionConfiguration:
#  7         - ServerSideEncryptionByDefault:
#  8             SSEAlgorithm: aws:kms
encryption := fx.M(5, 8, {"ServerSideEncryptionConfiguration": [6, 8]}, {"ServerSideEncryptionConfiguration": [fx.M(7, 8, {}, {
	"ServerSideEncryptionByDefault": fx.M(7, 8, {"SSEAlgorithm": 8}, {"SSEAlgorithm": "aws:kms"}),
})]})

bucket(props) := fx.resource("AWS::S3::Bucket", "DataBucket", object.union({"BucketName": "orders-data"}, props), {"BucketName": 4}, 8)

test_tg_cfn_022_violation if {
	f := fx.only(s3.deny, "TG-CFN-022") with input as bucket({})
	f.location == fx.at(3, 8)
	f.message == `S3 bucket "DataBucket" has no server-side encryption configuration (BucketEncryption)`
}

test_tg_cfn_022_compliant if {
	count(fx.ids(s3.deny, "TG-CFN-022")) == 0 with input as bucket({"BucketEncryption": encryption})
}

test_tg_cfn_022_unknown_does_not_fire if {
	# BucketEncryption: !If [UseKms, {...}, !Ref AWS::NoValue]
	count(fx.ids(s3.deny, "TG-CFN-022")) == 0 with input as fx.resource("AWS::S3::Bucket", "DataBucket", {}, {"BucketEncryption": fx.U(4)}, 8)
}
