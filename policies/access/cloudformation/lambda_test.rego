package tollgate.access.cloudformation.lambda_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.lambda
import rego.v1

#  1 InvokePermission:
#  2   Type: AWS::Lambda::Permission
#  3   Properties:
#  4     Action: lambda:InvokeFunction
#  5     FunctionName: orders-api
#  6     Principal: ...
#  7     <each of props>
permission(principal, props) := fx.resource("AWS::Lambda::Permission", "InvokePermission", object.union({"Action": "lambda:InvokeFunction", "FunctionName": "orders-api", "Principal": principal}, props), object.union({"Action": 4, "FunctionName": 5, "Principal": 6}, {k: 7 | some k, _ in props}), 7)

test_tg_cfn_020_violation if {
	f := fx.only(lambda.deny, "TG-CFN-020") with input as permission("*", {})
	f.location == fx.at(6, 6)
	f.message == `Lambda permission "InvokePermission" lets any principal use the function (Principal "*" with no SourceArn, SourceAccount or PrincipalOrgID)`
}

test_tg_cfn_020_compliant if {
	count(fx.ids(lambda.deny, "TG-CFN-020")) == 0 with input as permission("s3.amazonaws.com", {"SourceAccount": "111122223333"})
	count(fx.ids(lambda.deny, "TG-CFN-020")) == 0 with input as permission("*", {"PrincipalOrgID": "o-a1b2c3d4e5"})
	count(fx.ids(lambda.deny, "TG-CFN-020")) == 0 with input as permission("*", {"SourceArn": "arn:aws:execute-api:eu-west-1:111122223333:abc/*"})

	# The public function URL's permission: reported on the URL.
	count(fx.ids(lambda.deny, "TG-CFN-020")) == 0 with input as permission("*", {"FunctionUrlAuthType": "NONE"})
}

test_tg_cfn_020_unknown_source_does_not_fire if {
	# SourceArn: !GetAtt Api.Arn
	doc := fx.resource("AWS::Lambda::Permission", "InvokePermission", {"Action": "lambda:InvokeFunction", "Principal": "*"}, {"Action": 4, "Principal": 6, "SourceArn": fx.U(7)}, 7)
	count(fx.ids(lambda.deny, "TG-CFN-020")) == 0 with input as doc
}

#  1 PublicUrl:
#  2   Type: AWS::Lambda::Url
#  3   Properties:
#  4     TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:orders-api
#  5     AuthType: ...
url(auth) := fx.resource("AWS::Lambda::Url", "PublicUrl", {"TargetFunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:orders-api", "AuthType": auth}, {"TargetFunctionArn": 4, "AuthType": 5}, 5)

test_tg_cfn_021_violation if {
	f := fx.only(lambda.deny, "TG-CFN-021") with input as url("NONE")
	f.location == fx.at(5, 5)
	f.message == `Lambda function URL "PublicUrl" has no authentication (AuthType: NONE)`
}

test_tg_cfn_021_compliant if {
	count(fx.ids(lambda.deny, "TG-CFN-021")) == 0 with input as url("AWS_IAM")
}
