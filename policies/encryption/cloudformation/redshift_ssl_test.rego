package tollgate.encryption.cloudformation.redshift_ssl_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.redshift_ssl
import rego.v1

#  1 Params:
#  2   Type: AWS::Redshift::ClusterParameterGroup
#  3   Properties:
#  4     Parameters:
#  5       - ParameterName: NAME
#  6         ParameterValue: VALUE
group(name, value) := fx.resource("AWS::Redshift::ClusterParameterGroup", "Params", {"Parameters": [fx.M(5, 6, {"ParameterName": 5, "ParameterValue": 6}, {"ParameterName": name, "ParameterValue": value})]}, {"Parameters": [4, 6]}, 6)

test_tg_cfn_146_violation if {
	f := fx.only(redshift_ssl.deny, "TG-CFN-146") with input as group("require_ssl", "false")
	f.location == fx.at(5, 6)
	f.message == `Redshift parameter group "Params" does not require SSL (require_ssl = false)`

	g := fx.only(redshift_ssl.deny, "TG-CFN-146") with input as group("enable_user_activity_logging", "true")
	g.location == fx.at(4, 6)
	g.message == `Redshift parameter group "Params" does not require SSL (require_ssl is not set, default false)`
}

test_tg_cfn_146_compliant if {
	count(fx.ids(redshift_ssl.deny, "TG-CFN-146")) == 0 with input as group("require_ssl", "true")
	count(fx.ids(redshift_ssl.deny, "TG-CFN-146")) == 0 with input as group("require_ssl", true)

	lost := json.patch(group("other", "x"), [{
		"op": "add", "path": "/resource/Properties/__loc/attrs/Parameters",
		"value": {"start_line": 4, "end_line": 6, "unknown": true},
	}])
	count(fx.ids(redshift_ssl.deny, "TG-CFN-146")) == 0 with input as lost
}
