package tollgate.encryption.cloudformation.redshift_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.redshift
import rego.v1

#  1 Warehouse:
#  2   Type: AWS::Redshift::Cluster
#  3   Properties:
#  4     NodeType: ra3.xlplus
#  5     Encrypted: ...
cluster(props) := fx.resource("AWS::Redshift::Cluster", "Warehouse", object.union({"NodeType": "ra3.xlplus"}, props), {"NodeType": 4, "Encrypted": 5}, 5)

test_tg_cfn_038_violation if {
	f := fx.only(redshift.deny, "TG-CFN-038") with input as cluster({"Encrypted": "false"})
	f.location == fx.at(5, 5)
	f.message == `Redshift cluster "Warehouse" is not encrypted (Encrypted: false)`
}

test_tg_cfn_038_compliant if {
	count(fx.ids(redshift.deny, "TG-CFN-038")) == 0 with input as cluster({"Encrypted": true})
	count(fx.ids(redshift.deny, "TG-CFN-038")) == 0 with input as cluster({})
}
