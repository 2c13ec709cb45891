package tollgate.access.cloudformation.redshift_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.redshift
import rego.v1

#  1 Warehouse:
#  2   Type: AWS::Redshift::Cluster
#  3   Properties:
#  4     NodeType: ra3.xlplus
#  5     <each of props>
cluster(props) := fx.resource("AWS::Redshift::Cluster", "Warehouse", object.union({"NodeType": "ra3.xlplus"}, props), object.union({"NodeType": 4}, {k: 5 | some k, _ in props}), 5)

test_tg_cfn_017_violation if {
	f := fx.only(redshift.deny, "TG-CFN-017") with input as cluster({"PubliclyAccessible": "true"})
	f.location == fx.at(5, 5)
	f.message == `Redshift cluster "Warehouse" is publicly accessible (PubliclyAccessible: true)`
}

test_tg_cfn_017_compliant if {
	count(fx.ids(redshift.deny, "TG-CFN-017")) == 0 with input as cluster({"PubliclyAccessible": false})
	count(fx.ids(redshift.deny, "TG-CFN-017")) == 0 with input as cluster({})
}
