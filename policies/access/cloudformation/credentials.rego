package tollgate.access.cloudformation.credentials

import data.tollgate.access.aws.credentials as aws
import data.tollgate.lib
import rego.v1

instance_kinds := {
	"AWS::EC2::Instance": "EC2 instance",
	"AWS::EC2::LaunchTemplate": "launch template",
	"AWS::AutoScaling::LaunchConfiguration": "launch configuration",
}

# METADATA
# title: CloudFormation EC2 user data contains credentials
# description: |
#   The UserData of an AWS::EC2::Instance, an AWS::AutoScaling::LaunchConfiguration or the
#   LaunchTemplateData of an AWS::EC2::LaunchTemplate (read as written and, when it is base64,
#   decoded) contains an AWS access key id, an AWS secret access key, a private key or a
#   literal password or secret assignment. User data is readable by anyone who can describe
#   the instance attribute or reach the instance metadata service, and stays in the template
#   and the stack's history. User data the template does not decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-instance.html#cfn-ec2-instance-userdata
# custom:
#   id: TG-CFN-154
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Remove the credential, rotate it, and give the instance an IAM role (instance profile); fetch other secrets at boot from Secrets Manager or SSM Parameter Store.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type in {"AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"}
	kind := instance_kinds[input.type]
	holder := user_data_holder
	is_string(holder.UserData)
	kinds := aws.credential_kinds(holder.UserData)
	count(kinds) > 0
	msg := sprintf("%s %q has %s in UserData", [kind, input.name, concat(" and ", sort(kinds))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(holder, "UserData"), msg)
}

user_data_holder := input.resource.Properties.LaunchTemplateData if input.type == "AWS::EC2::LaunchTemplate"

user_data_holder := input.resource.Properties if input.type in {"AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"}

# METADATA
# title: CloudFormation ECS container definition has a credential in an environment variable
# description: |
#   An Environment entry of a ContainerDefinitions item of an AWS::ECS::TaskDefinition is named
#   like a credential (password, secret, token, api_key, private_key, access key) and has a
#   literal value, or its value looks like a credential. Plain environment values are stored
#   in the task definition, shown by the console and by ecs:DescribeTaskDefinition to anyone
#   allowed to read it, and kept in every revision. Values the template does not decide are
#   not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-taskdefinition-keyvaluepair.html
# custom:
#   id: TG-CFN-155
#   severity: high
#   category: access
#   provider: aws
#   remediation: Move the value to Secrets Manager or SSM Parameter Store and reference it from the container's Secrets list (ValueFrom), readable through the task execution role.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "AWS::ECS::TaskDefinition"
	some c in input.resource.Properties.ContainerDefinitions
	is_object(c)
	some env in c.Environment
	is_string(env.Name)
	is_string(env.Value)
	env.Value != ""
	why := aws.env_problem({"name": env.Name, "value": env.Value})
	msg := sprintf("ECS task definition %q gives container %q %s (Environment %s)", [input.name, object.get(c, "Name", "?"), why, env.Name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(env, "Value"), msg)
}

# METADATA
# title: CloudFormation Lambda function has a credential in an environment variable
# description: |
#   A variable of the Environment.Variables of an AWS::Lambda::Function or
#   AWS::Serverless::Function is named like a credential (password, secret, token, api_key,
#   private_key, access key) and has a literal value, or its value looks like a credential.
#   Environment variables are shown by lambda:GetFunctionConfiguration and the console to
#   anyone allowed to read the function's configuration. Values the template does not decide
#   (parameters without a default, dynamic references) are not reported.
# related_resources:
# - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
# - https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
# custom:
#   id: TG-CFN-156
#   severity: high
#   category: access
#   provider: aws
#   remediation: Store the value in Secrets Manager or SSM Parameter Store and read it at run time (the Parameters and Secrets Lambda extension caches it), granting the function's role access to that secret only.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type in {"AWS::Lambda::Function", "AWS::Serverless::Function"}
	vars := input.resource.Properties.Environment.Variables
	is_object(vars)
	some name, value in vars
	name != "__loc"
	is_string(value)
	value != ""
	why := aws.env_problem({"name": name, "value": value})
	msg := sprintf("Lambda function %q has %s in environment variable %s", [input.name, why, name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(vars, name), msg)
}

# METADATA
# title: CloudFormation SSM parameter holds a credential in plain text
# description: |
#   An AWS::SSM::Parameter (CloudFormation can only create String and StringList parameters,
#   never SecureString) has a Name like a credential (password, secret, token, api_key,
#   private_key, access key) and a literal Value, or a Value that looks like a credential: the
#   secret is stored unencrypted, readable by anyone allowed ssm:GetParameter, and written in
#   the template. Values the template does not decide are not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ssm-parameter.html#cfn-ssm-parameter-type
# - https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
# custom:
#   id: TG-CFN-157
#   severity: high
#   category: access
#   provider: aws
#   remediation: Create the secret outside the template as a SecureString parameter or a Secrets Manager secret (AWS::SecretsManager::Secret with GenerateSecretString), and reference it with a dynamic reference.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "AWS::SSM::Parameter"
	p := input.resource.Properties
	is_string(p.Value)
	p.Value != ""
	why := aws.env_problem({"name": object.get(p, "Name", ""), "value": p.Value})
	msg := sprintf("SSM parameter %q holds %s in plain text (Value)", [input.name, why])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "Value"), msg)
}
