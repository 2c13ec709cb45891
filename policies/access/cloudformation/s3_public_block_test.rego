package tollgate.access.cloudformation.s3_public_block_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.s3_public_block
import rego.v1

#  1 Data:
#  2   Type: AWS::S3::Bucket
#  3   Properties:
#  4     BucketName: acme-data
test_tg_cfn_093_violation if {
	doc := fx.resource("AWS::S3::Bucket", "Data", {"BucketName": "acme-data"}, {"BucketName": 4}, 4)
	f := fx.only(s3_public_block.deny, "TG-CFN-093") with input as doc
	f.location == fx.at(3, 4)
	f.message == `S3 bucket "Data" does not declare its Block Public Access settings (no PublicAccessBlockConfiguration)`
}

test_tg_cfn_093_compliant if {
	all_on := {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}
	doc := fx.resource("AWS::S3::Bucket", "Data", {"PublicAccessBlockConfiguration": fx.M(4, 8, {"BlockPublicAcls": 5, "BlockPublicPolicy": 6, "IgnorePublicAcls": 7, "RestrictPublicBuckets": 8}, all_on)}, {}, 8)
	count(fx.ids(s3_public_block.deny, "TG-CFN-093")) == 0 with input as doc

	# A configuration chosen by a condition the template does not decide.
	unknown := fx.resource("AWS::S3::Bucket", "Data", {}, {"PublicAccessBlockConfiguration": fx.U(4)}, 4)
	count(fx.ids(s3_public_block.deny, "TG-CFN-093")) == 0 with input as unknown
}
