package tollgate.access.cloudformation.credentials_test

import data.tollgate.access.cloudformation.credentials
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 Web:
#  2   Type: AWS::EC2::Instance
#  3   Properties:
#  4     UserData: USERDATA
instance(user_data) := fx.resource("AWS::EC2::Instance", "Web", {"UserData": user_data}, {"UserData": 4}, 4)

test_tg_cfn_154_violation if {
	f := fx.only(credentials.deny, "TG-CFN-154") with input as instance(base64.encode("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"))
	f.location == fx.at(4, 4)
	f.message == `EC2 instance "Web" has an AWS access key id in UserData`
}

test_tg_cfn_154_compliant if {
	count(fx.ids(credentials.deny, "TG-CFN-154")) == 0 with input as instance(base64.encode("#!/bin/bash\nyum install -y nginx\n"))

	unknown := fx.resource("AWS::EC2::Instance", "Web", {}, {"UserData": fx.U(4)}, 4)
	count(fx.ids(credentials.deny, "TG-CFN-154")) == 0 with input as unknown
}

#  1 Task:
#  2   Type: AWS::ECS::TaskDefinition
#  3   Properties:
#  4     ContainerDefinitions:
#  5       - Name: app
#  6         Environment:
#  7           - Name: NAME
#  8             Value: VALUE
task(name, value) := fx.resource("AWS::ECS::TaskDefinition", "Task", {"ContainerDefinitions": [fx.M(5, 8, {"Name": 5}, {"Name": "app", "Environment": [fx.M(7, 8, {"Name": 7, "Value": 8}, {"Name": name, "Value": value})]})]}, {}, 8)

test_tg_cfn_155_violation if {
	f := fx.only(credentials.deny, "TG-CFN-155") with input as task("DB_PASSWORD", "hunter2hunter2")
	f.location == fx.at(8, 8)
	f.message == `ECS task definition "Task" gives container "app" a credential (Environment DB_PASSWORD)`
}

test_tg_cfn_155_compliant if {
	count(fx.ids(credentials.deny, "TG-CFN-155")) == 0 with input as task("DB_HOST", "db.internal")
	count(fx.ids(credentials.deny, "TG-CFN-155")) == 0 with input as task("DB_PASSWORD_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db")
}

#  1 Handler:
#  2   Type: AWS::Lambda::Function
#  3   Properties:
#  4     Environment:
#  5       Variables:
#  6         NAME: VALUE
function(name, value) := fx.resource("AWS::Lambda::Function", "Handler", {"Environment": fx.M(4, 6, {}, {"Variables": fx.M(5, 6, {name: 6}, {name: value})})}, {}, 6)

test_tg_cfn_156_violation if {
	f := fx.only(credentials.deny, "TG-CFN-156") with input as function("API_TOKEN", "s3cr3t-t0ken-value")
	f.location == fx.at(6, 6)
	f.message == `Lambda function "Handler" has a credential in environment variable API_TOKEN`
}

test_tg_cfn_156_compliant if {
	count(fx.ids(credentials.deny, "TG-CFN-156")) == 0 with input as function("TABLE_NAME", "orders")
	count(fx.ids(credentials.deny, "TG-CFN-156")) == 0 with input as function("API_TOKEN", "{{resolve:secretsmanager:api-token}}")
}

#  1 DbPassword:
#  2   Type: AWS::SSM::Parameter
#  3   Properties:
#  4     Name: NAME
#  5     Type: String
#  6     Value: VALUE
parameter(name, value) := fx.resource("AWS::SSM::Parameter", "DbPassword", {"Name": name, "Type": "String", "Value": value}, {"Name": 4, "Type": 5, "Value": 6}, 6)

test_tg_cfn_157_violation if {
	f := fx.only(credentials.deny, "TG-CFN-157") with input as parameter("/orders/db/password", "correct-horse-battery")
	f.location == fx.at(6, 6)
	f.message == `SSM parameter "DbPassword" holds a credential in plain text (Value)`
}

test_tg_cfn_157_compliant if {
	count(fx.ids(credentials.deny, "TG-CFN-157")) == 0 with input as parameter("/orders/db/host", "db.internal")
	count(fx.ids(credentials.deny, "TG-CFN-157")) == 0 with input as parameter("/orders/db/password_arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db")
}
