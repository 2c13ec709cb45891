package tollgate.access.cloudformation.security_group_exposure_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.security_group_exposure as sg
import rego.v1

#  1 DbSG:
#  2   Type: AWS::EC2::SecurityGroup
#  3   Properties:
#  4     GroupDescription: database
#  5     SecurityGroupIngress:
#  6       - IpProtocol: PROTOCOL
#  7         FromPort: FROM
#  8         ToPort: TO
#  9         CidrIp: CIDR
group(protocol, from, to, cidr) := fx.resource(
	"AWS::EC2::SecurityGroup", "DbSG", {
		"GroupDescription": "database",
		"SecurityGroupIngress": [rule(protocol, from, to, cidr)],
	},
	{"GroupDescription": 4, "SecurityGroupIngress": [5, 9]}, 9,
)

rule(protocol, from, to, cidr) := fx.M(6, 9, {"IpProtocol": 6, "FromPort": 7, "ToPort": 8, "CidrIp": 9}, {
	"IpProtocol": protocol,
	"FromPort": from,
	"ToPort": to,
	"CidrIp": cidr,
})

test_tg_cfn_015_violation if {
	f := fx.only(sg.deny, "TG-CFN-015") with input as group("tcp", 5432, 5432, "0.0.0.0/0")
	f.location == fx.at(9, 9)
	f.message == `security group "DbSG" allows ingress to PostgreSQL (5432) from 0.0.0.0/0`
}

test_tg_cfn_015_compliant if {
	count(fx.ids(sg.deny, "TG-CFN-015")) == 0 with input as group("tcp", 5432, 5432, "10.0.0.0/16")
	count(fx.ids(sg.deny, "TG-CFN-015")) == 0 with input as group("tcp", 443, 443, "0.0.0.0/0")
	count(fx.ids(sg.deny, "TG-CFN-015")) == 0 with input as group("udp", 3306, 3306, "0.0.0.0/0")

	# All ports: TG-CFN-016.
	count(fx.ids(sg.deny, "TG-CFN-015")) == 0 with input as group("-1", -1, -1, "0.0.0.0/0")
}

test_tg_cfn_015_range_and_strings if {
	f := fx.only(sg.deny, "TG-CFN-015") with input as group("6", "3000", "6400", "0.0.0.0/0")
	f.message == `security group "DbSG" allows ingress to MySQL (3306), PostgreSQL (5432), Redshift (5439), Redis (6379) from 0.0.0.0/0`
}

test_tg_cfn_015_standalone_ipv6 if {
	doc := fx.resource("AWS::EC2::SecurityGroupIngress", "RedisIn", {"IpProtocol": "tcp", "FromPort": 6379, "ToPort": 6379, "CidrIpv6": "::/0"}, {"IpProtocol": 4, "FromPort": 5, "ToPort": 6, "CidrIpv6": 7}, 7)
	f := fx.only(sg.deny, "TG-CFN-015") with input as doc
	f.location == fx.at(7, 7)
	f.message == `security group "RedisIn" allows ingress to Redis (6379) from ::/0`
}

test_tg_cfn_015_unknown_does_not_fire if {
	doc := json.patch(group("tcp", 5432, 5432, "0.0.0.0/0"), [
		{"op": "remove", "path": "/resource/Properties/SecurityGroupIngress/0/ToPort"},
		{"op": "add", "path": "/resource/Properties/SecurityGroupIngress/0/__loc/attrs/ToPort", "value": fx.U(8)},
	])
	count(fx.ids(sg.deny, "TG-CFN-015")) == 0 with input as doc
}

test_tg_cfn_016_violation if {
	f := fx.only(sg.deny, "TG-CFN-016") with input as group("-1", -1, -1, "0.0.0.0/0")
	f.location == fx.at(9, 9)
	f.message == `security group "DbSG" allows ingress on all protocols and ports from 0.0.0.0/0`
}

test_tg_cfn_016_compliant if {
	count(fx.ids(sg.deny, "TG-CFN-016")) == 0 with input as group("-1", -1, -1, "172.16.0.0/12")
	count(fx.ids(sg.deny, "TG-CFN-016")) == 0 with input as group("tcp", 1024, 65535, "0.0.0.0/0")
	count(fx.ids(sg.deny, "TG-CFN-016")) == 0 with input as group("icmp", -1, -1, "0.0.0.0/0")
}

test_tg_cfn_016_every_tcp_port if {
	f := fx.only(sg.deny, "TG-CFN-016") with input as group("tcp", 0, 65535, "0.0.0.0/0")
	f.message == `security group "DbSG" allows ingress on all TCP ports from 0.0.0.0/0`
	count(fx.ids(sg.deny, "TG-CFN-016")) == 1 with input as group(-1, null, null, "0.0.0.0/0")
}
