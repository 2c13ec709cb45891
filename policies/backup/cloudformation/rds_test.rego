package tollgate.backup.cloudformation.rds_test

import data.tollgate.backup.cloudformation.rds
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

#   OrdersDB:                          # line 5
#     Type: AWS::RDS::DBInstance       # line 6
#     Properties:                      # line 7
#       Engine: postgres               # line 8
#       <each of props>                # line 9
instance(props) := {
	"format": "cloudformation",
	"type": "AWS::RDS::DBInstance",
	"name": "OrdersDB",
	"address": "OrdersDB",
	"path": "db.yaml",
	"resource": {
		"Type": "AWS::RDS::DBInstance",
		"Properties": object.union(
			object.union({"Engine": "postgres"}, props),
			{"__loc": {
				"path": "db.yaml", "start_line": 7, "end_line": 9,
				"attrs": object.union(
					{"Engine": {"start_line": 8, "end_line": 8}},
					{k: {"start_line": 9, "end_line": 9} | some k, _ in props},
				),
			}},
		),
		"__loc": {"path": "db.yaml", "start_line": 5, "end_line": 9, "attrs": {"Type": {"start_line": 6, "end_line": 6}}},
	},
}

test_tg_cfn_003_violation if {
	findings := rds.deny with input as instance({"BackupRetentionPeriod": 0})
	some f in findings
	f.rule_id == "TG-CFN-003"
	f.location == {"path": "db.yaml", "start_line": 9, "end_line": 9}
	f.message == `RDS instance "OrdersDB" has automated backups disabled (BackupRetentionPeriod: 0)`
}

test_tg_cfn_003_compliant if {
	count(ids(rds.deny, "TG-CFN-003")) == 0 with input as instance({"BackupRetentionPeriod": 7})
	count(ids(rds.deny, "TG-CFN-003")) == 0 with input as instance({"BackupRetentionPeriod": "14"})

	# Not set: AWS keeps backups for 1 day.
	count(ids(rds.deny, "TG-CFN-003")) == 0 with input as instance({})
}

test_tg_cfn_003_string_zero_fires if {
	count(ids(rds.deny, "TG-CFN-003")) == 1 with input as instance({"BackupRetentionPeriod": "0"})
}

test_tg_cfn_003_aurora_instance_not_reported if {
	count(ids(rds.deny, "TG-CFN-003")) == 0 with input as instance({"BackupRetentionPeriod": 0, "DBClusterIdentifier": "orders"})
}
