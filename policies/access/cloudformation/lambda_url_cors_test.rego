package tollgate.access.cloudformation.lambda_url_cors_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.lambda_url_cors
import rego.v1

#  1 FunctionUrl:
#  2   Type: AWS::Lambda::Url
#  3   Properties:
#  4     AuthType: AWS_IAM
#  5     TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:api
#  6     Cors:
#  7       AllowOrigins: ...
#  8       AllowMethods: ...
url(cors) := fx.resource("AWS::Lambda::Url", "FunctionUrl", {
	"AuthType": "AWS_IAM",
	"TargetFunctionArn": "arn:aws:lambda:eu-west-1:111122223333:function:api",
	"Cors": fx.M(6, 8, {"AllowOrigins": 7, "AllowMethods": 8}, cors),
}, {"AuthType": 4, "TargetFunctionArn": 5}, 8)

test_tg_cfn_177_violation if {
	f := fx.only(lambda_url_cors.deny, "TG-CFN-177") with input as url({"AllowOrigins": ["*"], "AllowMethods": ["*"]})
	f.location == fx.at(7, 7)
	f.message == `Lambda function URL "FunctionUrl" lets any origin call it with any method (Cors AllowOrigins and AllowMethods are "*")`
}

test_tg_cfn_177_compliant if {
	count(lambda_url_cors.deny) == 0 with input as url({"AllowOrigins": ["https://app.example.com"], "AllowMethods": ["*"]})
	count(lambda_url_cors.deny) == 0 with input as url({"AllowOrigins": ["*"], "AllowMethods": ["GET"]})
	count(lambda_url_cors.deny) == 0 with input as url({"AllowMethods": ["*"]})
}
