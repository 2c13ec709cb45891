package tollgate.encryption.cloudformation.dynamodb_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.dynamodb
import rego.v1

#  1 OrdersTable:
#  2   Type: AWS::DynamoDB::Table
#  3   Properties:
#  4     BillingMode: PAY_PER_REQUEST
#  5     SSESpecification:
#  6       SSEEnabled: ...
#  7       KMSMasterKeyId: ...
table(sse, attrs) := fx.resource("AWS::DynamoDB::Table", "OrdersTable", object.union({"BillingMode": "PAY_PER_REQUEST"}, sse_spec(sse, attrs)), {"BillingMode": 4}, 7)

sse_spec(null, _) := {}

sse_spec(sse, attrs) := {"SSESpecification": fx.M(5, 7, attrs, sse)} if sse != null

test_tg_cfn_027_violation if {
	f := fx.only(dynamodb.deny, "TG-CFN-027") with input as table({"SSEEnabled": true, "SSEType": "KMS"}, {"SSEEnabled": 6, "SSEType": 7})
	f.location == fx.at(5, 7)
	f.message == `DynamoDB table "OrdersTable" is not encrypted with a customer managed key (no KMSMasterKeyId: AWS managed key aws/dynamodb)`
}

test_tg_cfn_027_compliant if {
	count(fx.ids(dynamodb.deny, "TG-CFN-027")) == 0 with input as table({"SSEEnabled": "true", "KMSMasterKeyId": "alias/orders"}, {"SSEEnabled": 6, "KMSMasterKeyId": 7})
}

test_tg_cfn_027_owned_key_fires if {
	f := fx.only(dynamodb.deny, "TG-CFN-027") with input as table(null, {})
	f.location == fx.at(3, 7)
	f.message == `DynamoDB table "OrdersTable" is not encrypted with a customer managed key (SSESpecification is not set: AWS owned key)`
	g := fx.only(dynamodb.deny, "TG-CFN-027") with input as table({"SSEEnabled": false}, {"SSEEnabled": 6})
	g.location == fx.at(6, 6)
	# SSEEnabled left out is false: a key named without it is not used.
	h := fx.only(dynamodb.deny, "TG-CFN-027") with input as table({"KMSMasterKeyId": "alias/orders"}, {"KMSMasterKeyId": 7})
	h.location == fx.at(5, 7)
}

test_tg_cfn_027_unknown_does_not_fire if {
	count(fx.ids(dynamodb.deny, "TG-CFN-027")) == 0 with input as table({"SSEEnabled": true}, {"SSEEnabled": 6, "KMSMasterKeyId": fx.U(7)})
	count(fx.ids(dynamodb.deny, "TG-CFN-027")) == 0 with input as table({}, {"SSEEnabled": fx.U(6)})
	count(fx.ids(dynamodb.deny, "TG-CFN-027")) == 0 with input as fx.resource("AWS::DynamoDB::Table", "OrdersTable", {}, {"SSESpecification": fx.U(5)}, 7)
}
