package tollgate.encryption.cloudformation.kms_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.kms
import rego.v1

#  1 DataKey:
#  2   Type: AWS::KMS::Key
#  3   Properties:
#  4     Description: orders data
#  5     <each of props>
key(props, attrs) := fx.resource("AWS::KMS::Key", "DataKey", object.union({"Description": "orders data"}, props), object.union({"Description": 4}, attrs), 6)

test_tg_cfn_030_violation if {
	f := fx.only(kms.deny, "TG-CFN-030") with input as key({"EnableKeyRotation": false}, {"EnableKeyRotation": 5})
	f.location == fx.at(5, 5)
	f.message == `KMS key "DataKey" is not rotated (EnableKeyRotation: false)`
}

test_tg_cfn_030_compliant if {
	count(fx.ids(kms.deny, "TG-CFN-030")) == 0 with input as key({"EnableKeyRotation": "true"}, {"EnableKeyRotation": 5})

	# Keys AWS cannot rotate.
	count(fx.ids(kms.deny, "TG-CFN-030")) == 0 with input as key({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}, {"KeySpec": 5, "KeyUsage": 6})
	count(fx.ids(kms.deny, "TG-CFN-030")) == 0 with input as key({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}, {"KeySpec": 5, "KeyUsage": 6})
	count(fx.ids(kms.deny, "TG-CFN-030")) == 0 with input as key({"Origin": "EXTERNAL"}, {"Origin": 5})
}

test_tg_cfn_030_missing_fires if {
	f := fx.only(kms.deny, "TG-CFN-030") with input as key({"KeySpec": "SYMMETRIC_DEFAULT"}, {"KeySpec": 5})
	f.location == fx.at(3, 6)
	f.message == `KMS key "DataKey" is not rotated (EnableKeyRotation is not set, default false)`
}

test_tg_cfn_030_unknown_does_not_fire if {
	count(fx.ids(kms.deny, "TG-CFN-030")) == 0 with input as key({}, {"EnableKeyRotation": fx.U(5)})
	count(fx.ids(kms.deny, "TG-CFN-030")) == 0 with input as key({}, {"KeySpec": fx.U(5)})
}
