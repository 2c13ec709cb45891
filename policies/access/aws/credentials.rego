package tollgate.access.aws.credentials

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

instance_kinds := {
	"aws_instance": "EC2 instance",
	"aws_launch_template": "launch template",
	"aws_launch_configuration": "launch configuration",
}

# METADATA
# title: EC2 user data contains a credential
# description: |
#   The user_data (or user_data_base64) of an aws_instance, aws_launch_template or
#   aws_launch_configuration, read as written and, when it is base64, decoded, holds
#   something that looks like a credential: an AWS access key id or secret access key, a
#   private key, or a password, secret, token or API key assigned a literal value. User
#   data is readable by every process on the instance through the instance metadata
#   service, by anyone allowed ec2:DescribeInstanceAttribute, and is kept in Terraform
#   state.
# related_resources:
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
# custom:
#   id: TG-AWS-256
#   severity: high
#   category: access
#   provider: aws
#   remediation: Give the instance an IAM role (instance profile) instead of access keys, and have the boot script read other secrets from Secrets Manager or SSM Parameter Store.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type in {"aws_instance", "aws_launch_template", "aws_launch_configuration"}
	r := input.resource
	some key in ["user_data", "user_data_base64"]
	is_string(r[key])
	kinds := credential_kinds(r[key])
	count(kinds) > 0
	msg := sprintf("%s %q has %s in %s", [instance_kinds[input.type], input.name, concat(" and ", sort(kinds)), key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, key), msg)
}

# METADATA
# title: ECS container definition has a credential in an environment variable
# description: |
#   An environment entry of a container of an aws_ecs_task_definition is named like a
#   credential (password, secret, token, api_key, private_key, access key) and has a
#   literal value, or its value looks like a credential. Plain environment values are
#   stored in the task definition, shown by the console and by
#   ecs:DescribeTaskDefinition to anyone allowed to read it, kept in every revision and in
#   Terraform state.
# related_resources:
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
# - https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
# custom:
#   id: TG-AWS-257
#   severity: high
#   category: access
#   provider: aws
#   remediation: Move the value to Secrets Manager or SSM Parameter Store and reference it from the container's secrets list (valueFrom), readable through the task execution role.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "aws_ecs_task_definition"
	r := input.resource
	some c in containers(r.container_definitions)
	some env in helpers.as_list(c.environment)
	is_string(env.name)
	is_string(env.value)
	env.value != ""
	why := env_problem(env)
	msg := sprintf("ECS task definition %q gives container %q %s (environment %s)", [input.name, object.get(c, "name", "?"), why, env.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "container_definitions"), msg)
}

# METADATA
# title: Lambda function has a credential in an environment variable
# description: |
#   A variable of the environment block of an aws_lambda_function is named like a
#   credential (password, secret, token, api_key, private_key, access key) and has a
#   literal value, or its value looks like a credential. Environment variables are shown
#   by lambda:GetFunctionConfiguration and the console to anyone allowed to read the
#   function's configuration, and are kept in Terraform state.
# related_resources:
# - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
# - https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
# custom:
#   id: TG-AWS-258
#   severity: high
#   category: access
#   provider: aws
#   remediation: Store the value in Secrets Manager or SSM Parameter Store and have the function read it at run time (the Parameters and Secrets Lambda extension caches it), with the function's role allowed to read only that secret.
#   frameworks:
#     nist-800-53: ["IA-5", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "aws_lambda_function"
	r := input.resource
	some block in r.environment
	some name, value in block.variables
	name != "__loc"
	is_string(value)
	value != ""
	why := env_problem({"name": name, "value": value})
	msg := sprintf("Lambda function %q has %s in environment variable %s", [input.name, why, name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(block.variables, name), msg)
}

# containers(defs) are the container definitions of a task definition's JSON.
containers(defs) := [c | some c in helpers.as_list(helpers.document(defs)); is_object(c)]

env_problem(env) := concat(" and ", sort(kinds)) if {
	kinds := credential_kinds(env.value)
	count(kinds) > 0
} else := "a credential" if {
	credential_name(env.name)
	not reference_value(env.value)
}

# Names of variables that hold credentials; *_FILE, *_ARN, *_NAME, *_ID... name where a
# credential is, not the credential.
credential_name(name) if {
	n := lower(name)
	regex.match(`(password|passwd|secret|token|api_?key|private_?key|access_?key|credentials?)`, n)
	not regex.match(`(_file|_path|_arn|_name|_id|_url|_uri|_type|_version|_length|_ttl|_expiry|_header|_endpoint|_region|_key_id)$`, n)
}

# A value that points at a secret store rather than holding the secret.
reference_value(v) if startswith(v, "arn:")

reference_value(v) if startswith(v, "/")

reference_value(v) if startswith(v, "{{resolve:")

# credential_kinds(s) names the kinds of credential found in s or in its base64
# decoding.
credential_kinds(s) := {kind |
	some text in readings(s)
	some kind, pattern in credential_patterns
	regex.match(pattern, text)
}

readings(s) := {s, decoded} if {
	compact := regex.replace(s, `\s+`, "")
	count(compact) >= 16
	base64.is_valid(compact)
	decoded := base64.decode(compact)
} else := {s}

credential_patterns := {
	"an AWS access key id": `\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b`,
	"an AWS secret access key": `(?i)aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}\b`,
	"a private key": `-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`,
	"a literal password or secret": `(?i)\b[a-z0-9_.-]*(password|passwd|secret|api[_-]?key|auth[_-]?token)["']?\s*[:=]\s*["']?[^\s"'$<{%]{8,}`,
}
