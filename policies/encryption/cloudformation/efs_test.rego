package tollgate.encryption.cloudformation.efs_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.efs
import rego.v1

#  1 SharedFs:
#  2   Type: AWS::EFS::FileSystem
#  3   Properties:
#  4     PerformanceMode: generalPurpose
#  5     <each of props>
fs(props, attrs) := fx.resource("AWS::EFS::FileSystem", "SharedFs", object.union({"PerformanceMode": "generalPurpose"}, props), object.union({"PerformanceMode": 4}, attrs), 5)

test_tg_cfn_026_violation if {
	f := fx.only(efs.deny, "TG-CFN-026") with input as fs({"Encrypted": false}, {"Encrypted": 5})
	f.location == fx.at(5, 5)
	f.message == `EFS file system "SharedFs" is not encrypted (Encrypted: false)`
}

test_tg_cfn_026_compliant if {
	count(fx.ids(efs.deny, "TG-CFN-026")) == 0 with input as fs({"Encrypted": true}, {"Encrypted": 5})
}

test_tg_cfn_026_missing_fires if {
	f := fx.only(efs.deny, "TG-CFN-026") with input as fs({}, {})
	f.location == fx.at(3, 5)
	f.message == `EFS file system "SharedFs" is not encrypted (Encrypted is not set, default false)`
}

test_tg_cfn_026_unknown_does_not_fire if {
	count(fx.ids(efs.deny, "TG-CFN-026")) == 0 with input as fs({}, {"Encrypted": fx.U(5)})
}
