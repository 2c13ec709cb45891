package tollgate.backup.cloudformation.s3_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.backup.cloudformation.s3
import rego.v1

#  1 DataBucket:
#  2   Type: AWS::S3::Bucket
#  3   Properties:
#  4     BucketName: orders-data
#  5     VersioningConfiguration:
#  6       Status: STATUS
bucket(status) := fx.resource("AWS::S3::Bucket", "DataBucket", object.union({"BucketName": "orders-data"}, versioning(status)), {"BucketName": 4}, 6)

versioning(null) := {}

versioning(status) := {"VersioningConfiguration": fx.M(5, 6, {"Status": 6}, {"Status": status})} if status != null

test_tg_cfn_047_violation if {
	f := fx.only(s3.deny, "TG-CFN-047") with input as bucket("Suspended")
	f.location == fx.at(6, 6)
	f.message == `S3 bucket "DataBucket" does not version its objects (VersioningConfiguration Status: Suspended)`
}

test_tg_cfn_047_compliant if {
	count(fx.ids(s3.deny, "TG-CFN-047")) == 0 with input as bucket("Enabled")
}

test_tg_cfn_047_missing_fires if {
	f := fx.only(s3.deny, "TG-CFN-047") with input as bucket(null)
	f.location == fx.at(3, 6)
	f.message == `S3 bucket "DataBucket" does not version its objects (VersioningConfiguration is not set)`
}

test_tg_cfn_047_unknown_does_not_fire if {
	count(fx.ids(s3.deny, "TG-CFN-047")) == 0 with input as fx.resource("AWS::S3::Bucket", "DataBucket", {}, {"VersioningConfiguration": fx.U(5)}, 6)
	doc := json.patch(bucket("Enabled"), [
		{"op": "remove", "path": "/resource/Properties/VersioningConfiguration/Status"},
		{"op": "add", "path": "/resource/Properties/VersioningConfiguration/__loc/attrs/Status", "value": fx.U(6)},
	])
	count(fx.ids(s3.deny, "TG-CFN-047")) == 0 with input as doc
}
