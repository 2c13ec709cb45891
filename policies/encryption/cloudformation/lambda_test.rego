package tollgate.encryption.cloudformation.lambda_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.lambda
import rego.v1

#  1 ApiFunction:
#  2   Type: AWS::Lambda::Function
#  3   Properties:
#  4     Runtime: python3.12
#  5     Environment:
#  6       Variables:
#  7         TABLE: ...
#  8     KmsKeyArn: ...
function(vars, var_attrs, props, attrs) := fx.resource(
	"AWS::Lambda::Function", "ApiFunction", object.union(
		{
			"Runtime": "python3.12",
			"Environment": fx.M(5, 7, {}, {"Variables": fx.M(6, 7, var_attrs, vars)}),
		},
		props,
	),
	object.union({"Runtime": 4}, attrs), 8,
)

test_tg_cfn_039_violation if {
	f := fx.only(lambda.deny, "TG-CFN-039") with input as function({"TABLE": "orders"}, {"TABLE": 7}, {}, {})
	f.location == fx.at(5, 7)
	f.message == `Lambda function "ApiFunction" has environment variables encrypted only with the AWS managed key (no KmsKeyArn)`
}

test_tg_cfn_039_compliant if {
	count(fx.ids(lambda.deny, "TG-CFN-039")) == 0 with input as function({"TABLE": "orders"}, {"TABLE": 7}, {"KmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/0123abcd"}, {"KmsKeyArn": 8})

	# No variables.
	count(fx.ids(lambda.deny, "TG-CFN-039")) == 0 with input as function({}, {}, {}, {})
	count(fx.ids(lambda.deny, "TG-CFN-039")) == 0 with input as fx.resource("AWS::Lambda::Function", "ApiFunction", {"Runtime": "python3.12"}, {"Runtime": 4}, 4)
}

test_tg_cfn_039_unknown_values_count_as_set if {
	# TABLE: !Ref OrdersTable
	count(fx.ids(lambda.deny, "TG-CFN-039")) == 1 with input as function({}, {"TABLE": fx.U(7)}, {}, {})
}

test_tg_cfn_039_unknown_key_does_not_fire if {
	count(fx.ids(lambda.deny, "TG-CFN-039")) == 0 with input as function({"TABLE": "orders"}, {"TABLE": 7}, {}, {"KmsKeyArn": fx.U(8)})
}

test_tg_cfn_039_serverless_function if {
	doc := json.patch(function({"TABLE": "orders"}, {"TABLE": 7}, {}, {}), [
		{"op": "replace", "path": "/type", "value": "AWS::Serverless::Function"},
		{"op": "replace", "path": "/resource/Type", "value": "AWS::Serverless::Function"},
	])
	f := fx.only(lambda.deny, "TG-CFN-039") with input as doc
	f.message == `serverless function "ApiFunction" has environment variables encrypted only with the AWS managed key (no KmsKeyArn)`
}
