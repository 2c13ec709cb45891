package tollgate.encryption.cloudformation.ebs_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.ebs
import rego.v1

#  1 DataVolume:
#  2   Type: AWS::EC2::Volume
#  3   Properties:
#  4     AvailabilityZone: eu-west-1a
#  5     Size: 100
#  6     <each of props>
volume(props, attrs) := fx.resource("AWS::EC2::Volume", "DataVolume", object.union({"AvailabilityZone": "eu-west-1a", "Size": 100}, props), object.union({"AvailabilityZone": 4, "Size": 5}, attrs), 6)

test_tg_cfn_024_violation if {
	f := fx.only(ebs.deny, "TG-CFN-024") with input as volume({"Encrypted": "false"}, {"Encrypted": 6})
	f.location == fx.at(6, 6)
	f.message == `EBS volume "DataVolume" is not encrypted (Encrypted: false)`
}

test_tg_cfn_024_compliant if {
	count(fx.ids(ebs.deny, "TG-CFN-024")) == 0 with input as volume({"Encrypted": true}, {"Encrypted": 6})

	# Restored from a snapshot: inherits its encryption.
	count(fx.ids(ebs.deny, "TG-CFN-024")) == 0 with input as volume({"SnapshotId": "snap-0123456789abcdef0"}, {"SnapshotId": 6})
}

test_tg_cfn_024_missing_fires if {
	f := fx.only(ebs.deny, "TG-CFN-024") with input as volume({}, {})
	f.location == fx.at(3, 6)
	f.message == `EBS volume "DataVolume" is not encrypted (Encrypted is not set, default false)`
}

test_tg_cfn_024_unknown_does_not_fire if {
	count(fx.ids(ebs.deny, "TG-CFN-024")) == 0 with input as volume({}, {"Encrypted": fx.U(6)})
}
