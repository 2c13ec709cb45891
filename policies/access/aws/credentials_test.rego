package tollgate.access.aws.credentials_test

import data.tollgate.access.aws.credentials
import data.tollgate.access.aws.fixture as fx
import rego.v1

key_id := "AKIAIOSFODNN7EXAMPLE"

script := sprintf("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=%s\nyum -y install nginx\n", [key_id])

# resource "aws_instance" "web" {   # line 1
#   ami       = "ami-12345678"       # line 2
#   user_data = DATA                 # line 3
# }                                  # line 4
instance(type, key, value) := fx.doc(type, "web", fx.block(1, 4, {"ami": "ami-12345678", key: value}, {"ami": 2, key: 3}))

test_tg_aws_256_violation if {
	findings := credentials.deny with input as instance("aws_instance", "user_data", script)
	fx.found(findings, "TG-AWS-256", fx.at(3), `EC2 instance "web" has an AWS access key id in user_data`)
	count(findings) == 1
	encoded := credentials.deny with input as instance("aws_launch_template", "user_data", base64.encode(script))
	fx.found(encoded, "TG-AWS-256", fx.at(3), `launch template "web" has an AWS access key id in user_data`)
	secret := "#cloud-config\nwrite_files:\n  - content: |\n      aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
	fx.found(credentials.deny, "TG-AWS-256", fx.at(3), `launch configuration "web" has an AWS secret access key in user_data`) with input as instance("aws_launch_configuration", "user_data", secret)
}

test_tg_aws_256_compliant if {
	count(credentials.deny) == 0 with input as instance("aws_instance", "user_data", "#!/bin/bash\nyum -y install nginx\n")
	count(credentials.deny) == 0 with input as instance("aws_launch_template", "user_data", base64.encode("#!/bin/bash\naws s3 cp s3://bucket/app.tar.gz /opt/\n"))
	count(credentials.deny) == 0 with input as instance("aws_instance", "user_data", fx.unknown)
}

# resource "aws_ecs_task_definition" "app" {   # line 1
#   family                = "app"              # line 2
#   container_definitions = jsonencode(...)    # line 3
# }                                            # line 4
task(env) := fx.doc("aws_ecs_task_definition", "app", fx.block(1, 4, {
	"family": "app",
	"container_definitions": json.marshal([{"name": "api", "image": "api:1", "environment": env}]),
}, {"family": 2, "container_definitions": 3}))

test_tg_aws_257_violation if {
	findings := credentials.deny with input as task([{"name": "DB_PASSWORD", "value": "hunter2hunter2"}, {"name": "PORT", "value": "8080"}])
	fx.found(findings, "TG-AWS-257", fx.at(3), `ECS task definition "app" gives container "api" a credential (environment DB_PASSWORD)`)
	count(findings) == 1
	keys := credentials.deny with input as task([{"name": "UPSTREAM", "value": key_id}])
	fx.found(keys, "TG-AWS-257", fx.at(3), `ECS task definition "app" gives container "api" an AWS access key id (environment UPSTREAM)`)
}

test_tg_aws_257_compliant if {
	count(credentials.deny) == 0 with input as task([{"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"}, {"name": "API_TOKEN", "value": ""}])
	count(credentials.deny) == 0 with input as task([{"name": "DB_SECRET", "value": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}])
	unknown := fx.doc("aws_ecs_task_definition", "app", fx.block(1, 4, {"family": "app", "container_definitions": fx.unknown}, {"family": 2, "container_definitions": 3}))
	count(credentials.deny) == 0 with input as unknown
}

# resource "aws_lambda_function" "api" {   # line 1
#   function_name = "api"                  # line 2
#   environment {                          # line 3
#     variables = {                        # line 4
#       NAME = VALUE                       # line 5
#     }                                    # line 6
#   }                                      # line 7
# }                                        # line 8
function(name, value) := fx.doc("aws_lambda_function", "api", fx.block(1, 8, {
	"function_name": "api",
	"environment": [fx.block(3, 7, {"variables": fx.block(4, 6, {name: value}, {name: 5})}, {})],
}, {"function_name": 2}))

test_tg_aws_258_violation if {
	findings := credentials.deny with input as function("STRIPE_API_KEY", "sk_live_4eC39HqLyjWDarjtT1zdp7dc")
	fx.found(findings, "TG-AWS-258", fx.at(5), `Lambda function "api" has a credential in environment variable STRIPE_API_KEY`)
	count(findings) == 1
}

test_tg_aws_258_compliant if {
	count(credentials.deny) == 0 with input as function("TABLE_NAME", "orders")
	count(credentials.deny) == 0 with input as function("SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:stripe")
	count(credentials.deny) == 0 with input as function("STRIPE_API_KEY", fx.unknown)
}
