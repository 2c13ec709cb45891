package tollgate.encryption.cloudformation.cloudtrail_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.cloudtrail
import rego.v1

#  1 Trail:
#  2   Type: AWS::CloudTrail::Trail
#  3   Properties:
#  4     IsLogging: true
#  5     S3BucketName: audit-logs
#  6     <each of props>
trail(props, attrs) := fx.resource("AWS::CloudTrail::Trail", "Trail", object.union({"IsLogging": true, "S3BucketName": "audit-logs"}, props), object.union({"IsLogging": 4, "S3BucketName": 5}, attrs), 6)

test_tg_cfn_031_violation if {
	f := fx.only(cloudtrail.deny, "TG-CFN-031") with input as trail({}, {})
	f.location == fx.at(3, 6)
	f.message == `CloudTrail trail "Trail" does not encrypt its logs with KMS (no KMSKeyId)`
}

test_tg_cfn_031_compliant if {
	count(fx.ids(cloudtrail.deny, "TG-CFN-031")) == 0 with input as trail({"KMSKeyId": "alias/audit"}, {"KMSKeyId": 6})
}

test_tg_cfn_031_unknown_does_not_fire if {
	count(fx.ids(cloudtrail.deny, "TG-CFN-031")) == 0 with input as trail({}, {"KMSKeyId": fx.U(6)})
}
