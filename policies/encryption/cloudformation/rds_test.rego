package tollgate.encryption.cloudformation.rds_test

import data.tollgate.encryption.cloudformation.rds
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#   OrdersDB:                          # line 20
#     Type: TYPE                       # line 21
#     Properties:                      # line 22
#       Engine: postgres               # line 23
#       <each of props>                # line 24
db(typ, props) := {
	"format": "cloudformation",
	"type": typ,
	"name": "OrdersDB",
	"address": "OrdersDB",
	"path": "db.yaml",
	"resource": {
		"Type": typ,
		"Properties": object.union(
			object.union({"Engine": "postgres"}, props),
			{"__loc": {
				"path": "db.yaml", "start_line": 22, "end_line": 24,
				"attrs": object.union(
					{"Engine": {"start_line": 23, "end_line": 23}},
					{k: {"start_line": 24, "end_line": 24} | some k, _ in props},
				),
			}},
		),
		"__loc": {"path": "db.yaml", "start_line": 20, "end_line": 24, "attrs": {"Type": {"start_line": 21, "end_line": 21}}},
	},
}

instance(props) := db("AWS::RDS::DBInstance", props)

test_tg_cfn_002_violation if {
	findings := rds.deny with input as instance({"StorageEncrypted": false})
	some f in findings
	f.rule_id == "TG-CFN-002"
	f.location == {"path": "db.yaml", "start_line": 24, "end_line": 24}
	f.message == `RDS instance "OrdersDB" has StorageEncrypted: false`
}

test_tg_cfn_002_compliant if {
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as instance({"StorageEncrypted": true})
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as instance({"StorageEncrypted": "true"})
}

test_tg_cfn_002_missing_fires if {
	findings := rds.deny with input as instance({})
	some f in findings
	f.rule_id == "TG-CFN-002"
	f.location == {"path": "db.yaml", "start_line": 22, "end_line": 24}
	f.message == `RDS instance "OrdersDB" does not set StorageEncrypted (default false)`
}

test_tg_cfn_002_string_false_fires if {
	count(ids(rds.deny, "TG-CFN-002")) == 1 with input as instance({"StorageEncrypted": "false"})
}

test_tg_cfn_002_unknown_does_not_fire if {
	doc := json.patch(instance({}), [{
		"op": "add",
		"path": "/resource/Properties/__loc/attrs/StorageEncrypted",
		"value": {"start_line": 24, "end_line": 24, "unknown": true},
	}])
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as doc
}

test_tg_cfn_002_inherited_encryption if {
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as instance({"SourceDBInstanceIdentifier": "orders-primary"})
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as instance({"DBClusterIdentifier": "orders"})
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as instance({"DBSnapshotIdentifier": "snap"})

	# Set explicitly to false, it is still reported.
	count(ids(rds.deny, "TG-CFN-002")) == 1 with input as instance({"SourceDBInstanceIdentifier": "orders-primary", "StorageEncrypted": false})
}

test_tg_cfn_002_unknown_source_does_not_fire if {
	doc := json.patch(instance({}), [{
		"op": "add",
		"path": "/resource/Properties/__loc/attrs/DBClusterIdentifier",
		"value": {"start_line": 24, "end_line": 24, "unknown": true},
	}])
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as doc
}

test_tg_cfn_002_cluster if {
	findings := rds.deny with input as db("AWS::RDS::DBCluster", {"EngineMode": "provisioned"})
	some f in findings
	f.rule_id == "TG-CFN-002"
	f.message == `RDS cluster "OrdersDB" does not set StorageEncrypted (default false)`
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as db("AWS::RDS::DBCluster", {"EngineMode": "serverless"})
	count(ids(rds.deny, "TG-CFN-002")) == 0 with input as db("AWS::RDS::DBCluster", {"SnapshotIdentifier": "snap"})
}
