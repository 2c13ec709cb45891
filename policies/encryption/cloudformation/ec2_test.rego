package tollgate.encryption.cloudformation.ec2_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.ec2
import rego.v1

#  1 AppServer:
#  2   Type: AWS::EC2::Instance
#  3   Properties:
#  4     ImageId: ami-0123456789abcdef0
#  5     BlockDeviceMappings:
#  6       - DeviceName: /dev/xvda
#  7         Ebs:
#  8           VolumeSize: 50
#  9           <each of ebs>
instance(ebs, attrs) := fx.resource(
	"AWS::EC2::Instance", "AppServer", {
		"ImageId": "ami-0123456789abcdef0",
		"BlockDeviceMappings": [mapping(ebs, attrs)],
	},
	{"ImageId": 4, "BlockDeviceMappings": [5, 9]}, 9,
)

mapping(ebs, attrs) := fx.M(6, 9, {"DeviceName": 6}, {
	"DeviceName": "/dev/xvda",
	"Ebs": fx.M(7, 9, object.union({"VolumeSize": 8}, attrs), object.union({"VolumeSize": 50}, ebs)),
})

test_tg_cfn_025_violation if {
	f := fx.only(ec2.deny, "TG-CFN-025") with input as instance({"Encrypted": false}, {"Encrypted": 9})
	f.location == fx.at(9, 9)
	f.message == `EC2 instance "AppServer" has an unencrypted EBS device /dev/xvda (Encrypted: false)`
}

test_tg_cfn_025_compliant if {
	count(fx.ids(ec2.deny, "TG-CFN-025")) == 0 with input as instance({"Encrypted": "true"}, {"Encrypted": 9})
	count(fx.ids(ec2.deny, "TG-CFN-025")) == 0 with input as instance({"SnapshotId": "snap-0123456789abcdef0"}, {"SnapshotId": 9})

	# An instance store volume has no Ebs.
	doc := fx.resource("AWS::EC2::Instance", "AppServer", {"BlockDeviceMappings": [fx.M(5, 6, {"DeviceName": 5, "VirtualName": 6}, {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"})]}, {"BlockDeviceMappings": [4, 6]}, 6)
	count(fx.ids(ec2.deny, "TG-CFN-025")) == 0 with input as doc
}

test_tg_cfn_025_launch_template_missing_fires if {
	doc := fx.resource("AWS::EC2::LaunchTemplate", "AppTemplate", {"LaunchTemplateData": fx.M(4, 9, {"BlockDeviceMappings": [5, 9]}, {"BlockDeviceMappings": [mapping({}, {})]})}, {}, 9)
	f := fx.only(ec2.deny, "TG-CFN-025") with input as doc
	f.location == fx.at(7, 9)
	f.message == `launch template "AppTemplate" has an unencrypted EBS device /dev/xvda (Encrypted is not set, default false)`
}

test_tg_cfn_025_unknown_does_not_fire if {
	count(fx.ids(ec2.deny, "TG-CFN-025")) == 0 with input as instance({}, {"Encrypted": fx.U(9)})
}
