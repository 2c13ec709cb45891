package tollgate.backup.cloudformation.dynamodb_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.backup.cloudformation.dynamodb
import rego.v1

#  1 OrdersTable:
#  2   Type: AWS::DynamoDB::Table
#  3   Properties:
#  4     BillingMode: PAY_PER_REQUEST
#  5     PointInTimeRecoverySpecification:
#  6       PointInTimeRecoveryEnabled: PITR
#  7     DeletionProtectionEnabled: ...
table(pitr, props) := fx.resource("AWS::DynamoDB::Table", "OrdersTable", object.union(object.union({"BillingMode": "PAY_PER_REQUEST"}, pitr_spec(pitr)), props), object.union({"BillingMode": 4}, {k: 7 | some k, _ in props}), 7)

pitr_spec(null) := {}

pitr_spec(enabled) := {"PointInTimeRecoverySpecification": fx.M(5, 6, {"PointInTimeRecoveryEnabled": 6}, {"PointInTimeRecoveryEnabled": enabled})} if enabled != null

test_tg_cfn_045_violation if {
	f := fx.only(dynamodb.deny, "TG-CFN-045") with input as table(false, {})
	f.location == fx.at(6, 6)
	f.message == `DynamoDB table "OrdersTable" has no point-in-time recovery (PointInTimeRecoveryEnabled: false)`
}

test_tg_cfn_045_compliant if {
	count(fx.ids(dynamodb.deny, "TG-CFN-045")) == 0 with input as table(true, {})
	count(fx.ids(dynamodb.deny, "TG-CFN-045")) == 0 with input as table("true", {})
}

test_tg_cfn_045_missing_fires if {
	f := fx.only(dynamodb.deny, "TG-CFN-045") with input as table(null, {})
	f.location == fx.at(3, 7)
	f.message == `DynamoDB table "OrdersTable" has no point-in-time recovery (PointInTimeRecoverySpecification is not set)`
}

test_tg_cfn_045_unknown_does_not_fire if {
	doc := json.patch(table(true, {}), [
		{"op": "remove", "path": "/resource/Properties/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled"},
		{"op": "add", "path": "/resource/Properties/PointInTimeRecoverySpecification/__loc/attrs/PointInTimeRecoveryEnabled", "value": fx.U(6)},
	])
	count(fx.ids(dynamodb.deny, "TG-CFN-045")) == 0 with input as doc
}

#  1 Sessions:
#  2   Type: AWS::DynamoDB::GlobalTable
#  3   Properties:
#  4     Replicas:
#  5       - Region: eu-west-1
#  6         PointInTimeRecoverySpecification:
#  7           PointInTimeRecoveryEnabled: true
#  8         DeletionProtectionEnabled: true
#  9       - Region: eu-central-1
global_table := fx.resource(
	"AWS::DynamoDB::GlobalTable", "Sessions", {"Replicas": [
		fx.M(5, 8, {"Region": 5, "DeletionProtectionEnabled": 8}, {
			"Region": "eu-west-1",
			"PointInTimeRecoverySpecification": fx.M(6, 7, {"PointInTimeRecoveryEnabled": 7}, {"PointInTimeRecoveryEnabled": true}),
			"DeletionProtectionEnabled": true,
		}),
		fx.M(9, 9, {"Region": 9}, {"Region": "eu-central-1"}),
	]},
	{"Replicas": [4, 9]}, 9,
)

test_tg_cfn_045_global_table_replica if {
	f := fx.only(dynamodb.deny, "TG-CFN-045") with input as global_table
	f.location == fx.at(9, 9)
	f.message == `DynamoDB global table "Sessions" has no point-in-time recovery in replica eu-central-1 (PointInTimeRecoverySpecification is not set)`
}

test_tg_cfn_046_violation if {
	f := fx.only(dynamodb.deny, "TG-CFN-046") with input as table(true, {"DeletionProtectionEnabled": false})
	f.location == fx.at(7, 7)
	f.message == `DynamoDB table "OrdersTable" has no deletion protection (DeletionProtectionEnabled: false)`
}

test_tg_cfn_046_compliant if {
	count(fx.ids(dynamodb.deny, "TG-CFN-046")) == 0 with input as table(true, {"DeletionProtectionEnabled": "true"})
}

test_tg_cfn_046_missing_and_replica if {
	count(fx.ids(dynamodb.deny, "TG-CFN-046")) == 1 with input as table(true, {})
	f := fx.only(dynamodb.deny, "TG-CFN-046") with input as global_table
	f.message == `DynamoDB global table "Sessions" has no deletion protection in replica eu-central-1 (DeletionProtectionEnabled is not set, default false)`
}
