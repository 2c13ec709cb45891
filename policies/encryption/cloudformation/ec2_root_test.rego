package tollgate.encryption.cloudformation.ec2_root_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.ec2_root
import rego.v1

#  1 Web:
#  2   Type: AWS::EC2::Instance
#  3   Properties:
#  4     ImageId: ami-123
#  5     BlockDeviceMappings: ...
test_tg_cfn_141_violation if {
	doc := fx.resource("AWS::EC2::Instance", "Web", {"ImageId": "ami-123"}, {"ImageId": 4}, 4)
	f := fx.only(ec2_root.deny, "TG-CFN-141") with input as doc
	f.location == fx.at(3, 4)
	f.message == `EC2 instance "Web" does not declare its root volume encrypted (no BlockDeviceMappings; the AMI decides)`
}

test_tg_cfn_141_compliant if {
	mapping := fx.M(6, 8, {"DeviceName": 6}, {"DeviceName": "/dev/xvda", "Ebs": fx.M(7, 8, {"Encrypted": 8}, {"Encrypted": true})})
	doc := fx.resource("AWS::EC2::Instance", "Web", {"ImageId": "ami-123", "BlockDeviceMappings": [mapping]}, {"ImageId": 4, "BlockDeviceMappings": [5, 8]}, 8)
	count(fx.ids(ec2_root.deny, "TG-CFN-141")) == 0 with input as doc

	# Devices come from the launch template.
	templated := fx.resource("AWS::EC2::Instance", "Web", {"LaunchTemplate": fx.M(4, 5, {}, {})}, {"LaunchTemplate": [4, 5]}, 5)
	count(fx.ids(ec2_root.deny, "TG-CFN-141")) == 0 with input as templated

	unknown := fx.resource("AWS::AutoScaling::LaunchConfiguration", "Lc", {"ImageId": "ami-123"}, {"ImageId": 4, "BlockDeviceMappings": fx.U(5)}, 5)
	count(fx.ids(ec2_root.deny, "TG-CFN-141")) == 0 with input as unknown
}
