package tollgate.encryption.cloudformation.s3_kms_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.s3_kms
import rego.v1

#  1 Data:
#  2   Type: AWS::S3::Bucket
#  3   Properties:
#  4     AccessControl: ACL
#  5     BucketEncryption:
#  6       ServerSideEncryptionConfiguration:
#  7         - ServerSideEncryptionByDefault:
#  8             SSEAlgorithm: ALGORITHM
#  9             KMSMasterKeyID: KEY
bucket(acl, d) := fx.resource("AWS::S3::Bucket", "Data", {
	"AccessControl": acl,
	"BucketEncryption": fx.M(5, 9, {}, {"ServerSideEncryptionConfiguration": [fx.M(7, 9, {}, {"ServerSideEncryptionByDefault": fx.M(7, 9, {k: line | some k, _ in d; line := {"SSEAlgorithm": 8, "KMSMasterKeyID": 9}[k]}, d)})]}),
}, {"AccessControl": 4}, 9)

test_tg_cfn_082_violation if {
	f := fx.only(s3_kms.deny, "TG-CFN-082") with input as bucket("Private", {"SSEAlgorithm": "AES256"})
	f.location == fx.at(8, 8)
	f.message == `S3 bucket "Data" uses SSE-S3 (SSEAlgorithm: AES256), not a customer managed KMS key`

	g := fx.only(s3_kms.deny, "TG-CFN-082") with input as bucket("Private", {"SSEAlgorithm": "aws:kms"})
	g.message == `S3 bucket "Data" uses the AWS managed key aws/s3 (SSEAlgorithm: aws:kms without KMSMasterKeyID)`

	h := fx.only(s3_kms.deny, "TG-CFN-082") with input as fx.resource("AWS::S3::Bucket", "Data", {"BucketName": "acme"}, {"BucketName": 4}, 4)
	h.location == fx.at(3, 4)
}

test_tg_cfn_082_compliant if {
	count(fx.ids(s3_kms.deny, "TG-CFN-082")) == 0 with input as bucket("Private", {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/data"})

	# Server access logs can only be delivered to SSE-S3 buckets.
	count(fx.ids(s3_kms.deny, "TG-CFN-082")) == 0 with input as bucket("LogDeliveryWrite", {"SSEAlgorithm": "AES256"})

	unknown := json.patch(bucket("Private", {"SSEAlgorithm": "aws:kms"}), [{
		"op": "add", "path": "/resource/Properties/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/__loc/attrs/KMSMasterKeyID", "value": fx.U(9),
	}])
	count(fx.ids(s3_kms.deny, "TG-CFN-082")) == 0 with input as unknown
}
