package tollgate.backup.cloudformation.redshift_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.backup.cloudformation.redshift
import rego.v1

#  1 Warehouse:
#  2   Type: AWS::Redshift::Cluster
#  3   Properties:
#  4     NodeType: ra3.xlplus
#  5     <each of props>
cluster(props) := fx.resource("AWS::Redshift::Cluster", "Warehouse", object.union({"NodeType": "ra3.xlplus"}, props), object.union({"NodeType": 4}, {k: 5 | some k, _ in props}), 5)

test_tg_cfn_051_violation if {
	f := fx.only(redshift.deny, "TG-CFN-051") with input as cluster({"AutomatedSnapshotRetentionPeriod": 0})
	f.location == fx.at(5, 5)
	f.message == `Redshift cluster "Warehouse" keeps automated snapshots for less than 7 days (AutomatedSnapshotRetentionPeriod: 0)`
}

test_tg_cfn_051_compliant if {
	count(fx.ids(redshift.deny, "TG-CFN-051")) == 0 with input as cluster({"AutomatedSnapshotRetentionPeriod": "14"})
}

test_tg_cfn_051_missing_fires if {
	f := fx.only(redshift.deny, "TG-CFN-051") with input as cluster({})
	f.location == fx.at(3, 5)
	f.message == `Redshift cluster "Warehouse" keeps automated snapshots for less than 7 days (AutomatedSnapshotRetentionPeriod is not set, default 1 day)`
}

test_tg_cfn_051_unknown_does_not_fire if {
	count(fx.ids(redshift.deny, "TG-CFN-051")) == 0 with input as fx.resource("AWS::Redshift::Cluster", "Warehouse", {}, {"AutomatedSnapshotRetentionPeriod": fx.U(5)}, 5)
}
