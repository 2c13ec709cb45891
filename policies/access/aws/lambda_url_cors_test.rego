package tollgate.access.aws.lambda_url_cors_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.lambda_url_cors
import rego.v1

# resource "aws_lambda_function_url" "api" {   # line 1
#   function_name      = "api"                 # line 2
#   authorization_type = "AWS_IAM"             # line 3
#   cors {                                     # line 4
#     allow_origins = ORIGINS                  # line 5
#     allow_methods = METHODS                  # line 6
#   }                                          # line 7
# }                                            # line 8
url(origins, methods) := fx.doc("aws_lambda_function_url", "api", fx.block(1, 8, {
	"function_name": "api",
	"authorization_type": "AWS_IAM",
	"cors": [fx.block(4, 7, {"allow_origins": origins, "allow_methods": methods}, {"allow_origins": 5, "allow_methods": 6})],
}, {"function_name": 2, "authorization_type": 3}))

test_tg_aws_570_violation if {
	findings := lambda_url_cors.deny with input as url(["*"], ["*"])
	fx.found(findings, "TG-AWS-570", fx.at(5), `Lambda function URL "api" lets any origin call it with any method (cors allow_origins and allow_methods are "*")`)
	count(findings) == 1
}

test_tg_aws_570_compliant if {
	count(lambda_url_cors.deny) == 0 with input as url(["https://app.example.com"], ["*"])
	count(lambda_url_cors.deny) == 0 with input as url(["*"], ["GET"])
	count(lambda_url_cors.deny) == 0 with input as url(fx.unknown, ["*"])
}
