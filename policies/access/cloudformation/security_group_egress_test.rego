package tollgate.access.cloudformation.security_group_egress_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.security_group_egress
import rego.v1

#  1 AppSg:
#  2   Type: AWS::EC2::SecurityGroup
#  3   Properties:
#  4     SecurityGroupEgress:
#  5       - IpProtocol: PROTOCOL
#  6         CidrIp: CIDR
group(protocol, cidr) := fx.resource("AWS::EC2::SecurityGroup", "AppSg", {"SecurityGroupEgress": [fx.M(5, 6, {"IpProtocol": 5, "CidrIp": 6}, {"IpProtocol": protocol, "CidrIp": cidr})]}, {}, 6)

test_tg_cfn_142_violation if {
	f := fx.only(security_group_egress.deny, "TG-CFN-142") with input as group("-1", "0.0.0.0/0")
	f.location == fx.at(6, 6)
	f.message == `security group "AppSg" allows egress to 0.0.0.0/0 (all protocols)`

	egress := fx.resource("AWS::EC2::SecurityGroupEgress", "Out", {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0"}, {"IpProtocol": 4, "FromPort": 5, "ToPort": 6, "CidrIpv6": 7}, 7)
	g := fx.only(security_group_egress.deny, "TG-CFN-142") with input as egress
	g.location == fx.at(7, 7)
	g.message == `security group "Out" allows egress to ::/0 (tcp ports 443-443)`
}

test_tg_cfn_142_compliant if {
	count(fx.ids(security_group_egress.deny, "TG-CFN-142")) == 0 with input as group("tcp", "10.0.0.0/16")

	# No egress rules: the default rule is not reported.
	count(fx.ids(security_group_egress.deny, "TG-CFN-142")) == 0 with input as fx.resource("AWS::EC2::SecurityGroup", "AppSg", {"GroupDescription": "app"}, {"GroupDescription": 4}, 4)
}
