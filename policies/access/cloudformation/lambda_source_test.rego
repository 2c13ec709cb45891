package tollgate.access.cloudformation.lambda_source_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.lambda_source
import rego.v1

#  1 InvokeFromBucket:
#  2   Type: AWS::Lambda::Permission
#  3   Properties:
#  4     Action: lambda:InvokeFunction
#  5     Principal: PRINCIPAL
#  6     SourceArn: ARN
permission(props) := fx.resource("AWS::Lambda::Permission", "InvokeFromBucket", object.union({"Action": "lambda:InvokeFunction"}, props), {k: line | some k, _ in object.union({"Action": 1}, props); line := {"Action": 4, "Principal": 5, "SourceArn": 6, "SourceAccount": 6}[k]}, 6)

test_tg_cfn_144_violation if {
	f := fx.only(lambda_source.deny, "TG-CFN-144") with input as permission({"Principal": "s3.amazonaws.com"})
	f.location == fx.at(5, 5)
	f.message == `Lambda permission "InvokeFromBucket" lets any s3.amazonaws.com resource invoke the function (no SourceArn)`
}

test_tg_cfn_144_compliant if {
	count(fx.ids(lambda_source.deny, "TG-CFN-144")) == 0 with input as permission({"Principal": "s3.amazonaws.com", "SourceArn": "arn:aws:s3:::acme-uploads"})
	count(fx.ids(lambda_source.deny, "TG-CFN-144")) == 0 with input as permission({"Principal": "123456789012"})

	unknown := fx.resource("AWS::Lambda::Permission", "InvokeFromBucket", {"Principal": "sns.amazonaws.com"}, {"Principal": 5, "SourceArn": fx.U(6)}, 6)
	count(fx.ids(lambda_source.deny, "TG-CFN-144")) == 0 with input as unknown
}
