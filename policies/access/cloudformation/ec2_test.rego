package tollgate.access.cloudformation.ec2_test

import data.tollgate.access.cloudformation.ec2
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 Template:
#  2   Type: AWS::EC2::LaunchTemplate
#  3   Properties:
#  4     LaunchTemplateData:
#  5       MetadataOptions:
#  6         HttpEndpoint: enabled
#  7         HttpTokens: TOKENS
#  8       NetworkInterfaces:
#  9         - DeviceIndex: 0
# 10           AssociatePublicIpAddress: PUBLIC
template(options, public) := fx.resource("AWS::EC2::LaunchTemplate", "Template", {"LaunchTemplateData": fx.M(4, 10, {}, {
	"MetadataOptions": fx.M(5, 7, {k: line | some k, _ in options; line := {"HttpEndpoint": 6, "HttpTokens": 7}[k]}, options),
	"NetworkInterfaces": [fx.M(9, 10, {"DeviceIndex": 9, "AssociatePublicIpAddress": 10}, {"DeviceIndex": 0, "AssociatePublicIpAddress": public})],
})}, {}, 10)

test_tg_cfn_104_violation if {
	f := fx.only(ec2.deny, "TG-CFN-104") with input as template({"HttpEndpoint": "enabled", "HttpTokens": "optional"}, false)
	f.location == fx.at(7, 7)
	f.message == `launch template "Template" allows IMDSv1 (HttpTokens: optional)`

	g := fx.only(ec2.deny, "TG-CFN-104") with input as template({"HttpEndpoint": "enabled"}, false)
	g.location == fx.at(5, 7)

	lc := fx.resource("AWS::AutoScaling::LaunchConfiguration", "Lc", {"ImageId": "ami-123"}, {"ImageId": 4}, 4)
	h := fx.only(ec2.deny, "TG-CFN-104") with input as lc
	h.location == fx.at(3, 4)
	h.message == `launch configuration "Lc" allows IMDSv1 (MetadataOptions is not set, HttpTokens default optional)`
}

test_tg_cfn_104_compliant if {
	count(fx.ids(ec2.deny, "TG-CFN-104")) == 0 with input as template({"HttpTokens": "required"}, false)
	count(fx.ids(ec2.deny, "TG-CFN-104")) == 0 with input as template({"HttpEndpoint": "disabled"}, false)

	unknown := json.patch(template({"HttpEndpoint": "enabled"}, false), [{
		"op": "add", "path": "/resource/Properties/LaunchTemplateData/MetadataOptions/__loc/attrs/HttpTokens", "value": fx.U(7),
	}])
	count(fx.ids(ec2.deny, "TG-CFN-104")) == 0 with input as unknown
}

test_tg_cfn_105_violation if {
	f := fx.only(ec2.deny, "TG-CFN-105") with input as template({"HttpTokens": "required"}, true)
	f.location == fx.at(10, 10)
	f.message == `launch template "Template" associates a public IP address (AssociatePublicIpAddress: true)`

	lc := fx.resource("AWS::AutoScaling::LaunchConfiguration", "Lc", {"AssociatePublicIpAddress": "true"}, {"AssociatePublicIpAddress": 4}, 4)
	g := fx.only(ec2.deny, "TG-CFN-105") with input as lc
	g.location == fx.at(4, 4)
}

test_tg_cfn_105_compliant if {
	count(fx.ids(ec2.deny, "TG-CFN-105")) == 0 with input as template({"HttpTokens": "required"}, false)

	# Left out, the subnet decides.
	instance := fx.resource("AWS::EC2::Instance", "Web", {"NetworkInterfaces": [fx.M(5, 6, {"DeviceIndex": 5, "SubnetId": 6}, {"DeviceIndex": 0, "SubnetId": "subnet-1"})]}, {}, 6)
	count(fx.ids(ec2.deny, "TG-CFN-105")) == 0 with input as instance
}
