package tollgate.access.cloudformation.network_acl_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.network_acl
import rego.v1

#  1 Entry:
#  2   Type: AWS::EC2::NetworkAclEntry
#  3   Properties:
#  4     RuleAction: allow
#  5     Protocol: PROTOCOL
#  6     CidrBlock: CIDR
#  7     PortRange: {From: FROM, To: TO}
#  8     Egress: EGRESS
entry(props) := fx.resource("AWS::EC2::NetworkAclEntry", "Entry", object.union({"RuleAction": "allow"}, props), {k: line | some k, _ in object.union({"RuleAction": "allow"}, props); line := {"RuleAction": 4, "Protocol": 5, "CidrBlock": 6, "Ipv6CidrBlock": 6, "PortRange": 7, "Egress": 8}[k]}, 8)

range(from, to) := fx.M(7, 7, {"From": 7, "To": 7}, {"From": from, "To": to})

test_tg_cfn_139_violation if {
	f := fx.only(network_acl.deny, "TG-CFN-139") with input as entry({"Protocol": 6, "CidrBlock": "0.0.0.0/0", "PortRange": range(22, 22)})
	f.location == fx.at(6, 6)
	f.message == `network ACL entry "Entry" allows ingress to administration port 22 from 0.0.0.0/0`

	g := fx.only(network_acl.deny, "TG-CFN-139") with input as entry({"Protocol": "-1", "Ipv6CidrBlock": "::/0"})
	g.message == `network ACL entry "Entry" allows ingress to administration ports 22, 3389 from ::/0`
}

test_tg_cfn_139_compliant if {
	count(fx.ids(network_acl.deny, "TG-CFN-139")) == 0 with input as entry({"Protocol": 6, "CidrBlock": "10.0.0.0/8", "PortRange": range(22, 22)})
	count(fx.ids(network_acl.deny, "TG-CFN-139")) == 0 with input as entry({"Protocol": 6, "CidrBlock": "0.0.0.0/0", "PortRange": range(443, 443)})
	count(fx.ids(network_acl.deny, "TG-CFN-139")) == 0 with input as entry({"Protocol": 6, "CidrBlock": "0.0.0.0/0", "PortRange": range(22, 22), "Egress": true})
}

test_tg_cfn_140_violation if {
	f := fx.only(network_acl.deny, "TG-CFN-140") with input as entry({"Protocol": -1, "CidrBlock": "0.0.0.0/0", "Egress": true})
	f.location == fx.at(6, 6)
	f.message == `network ACL entry "Entry" allows egress on every port to 0.0.0.0/0`

	g := fx.only(network_acl.deny, "TG-CFN-140") with input as entry({"Protocol": 17, "CidrBlock": "0.0.0.0/0", "PortRange": range(0, 65535)})
	g.message == `network ACL entry "Entry" allows ingress on every port from 0.0.0.0/0`
}

test_tg_cfn_140_compliant if {
	count(fx.ids(network_acl.deny, "TG-CFN-140")) == 0 with input as entry({"Protocol": 6, "CidrBlock": "0.0.0.0/0", "PortRange": range(1024, 65535)})
	count(fx.ids(network_acl.deny, "TG-CFN-140")) == 0 with input as entry({"Protocol": -1, "CidrBlock": "10.0.0.0/8"})

	# A deny entry protects.
	count(fx.ids(network_acl.deny, "TG-CFN-140")) == 0 with input as entry({"Protocol": -1, "CidrBlock": "0.0.0.0/0", "RuleAction": "deny"})

	# Egress chosen by a condition the template does not decide.
	unknown := fx.resource("AWS::EC2::NetworkAclEntry", "Entry", {"RuleAction": "allow", "Protocol": -1, "CidrBlock": "0.0.0.0/0"}, {"RuleAction": 4, "Protocol": 5, "CidrBlock": 6, "Egress": fx.U(8)}, 8)
	count(fx.ids(network_acl.deny, "TG-CFN-140")) == 0 with input as unknown
}
