package tollgate.access.terraform.secrets_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.terraform.secrets
import rego.v1

# resource "aws_db_instance" "main" {   # line 1
#   engine   = "postgres"               # line 2
#   username = "app"                    # line 3
#   password = PASSWORD                 # line 4
#   tags     = TAGS                     # line 5
#   password_length / secret_arn ...    # line 6
# }                                     # line 7
db(attrs) := fx.doc("aws_db_instance", "main", fx.block(1, 7, object.union({"engine": "postgres", "username": "app"}, attrs), {"engine": 2, "username": 3, "password": 4, "tags": 5, "manage_master_user_password": 6, "master_user_secret_kms_key_id": 6}))

# resource "aws_opensearch_domain" "search" {     # line 1
#   advanced_security_options {                   # line 2
#     enabled = true                              # line 3
#     master_user_options {                       # line 4
#       master_user_name     = "admin"            # line 5
#       master_user_password = PASSWORD           # line 6
#     }                                           # line 7
#   }                                             # line 8
# }                                               # line 9
search(password) := fx.doc("aws_opensearch_domain", "search", fx.block(1, 9, {"advanced_security_options": [fx.block(2, 8, {
	"enabled": true,
	"master_user_options": [fx.block(4, 7, {"master_user_name": "admin", "master_user_password": password}, {"master_user_name": 5, "master_user_password": 6})],
}, {"enabled": 3})]}, {}))

# provider "google" {                    # line 1
#   project     = "acme"                 # line 2
#   credentials = CREDENTIALS            # line 3
# }                                      # line 4
google(credentials) := object.union(fx.doc("provider.google", "", fx.block(1, 4, {"project": "acme", "credentials": credentials}, {"project": 2, "credentials": 3})), {"address": "provider.google"})

test_tg_tf_001_violation if {
	findings := secrets.deny with input as db({"password": "Sup3r-s3cret!"})
	fx.found(findings, "TG-TF-001", fx.at(4), `aws_db_instance "main" has a credential written in the configuration (password)`)
	count(findings) == 1

	nested := secrets.deny with input as search("Adm1n-passw0rd")
	fx.found(nested, "TG-TF-001", fx.at(6), `aws_opensearch_domain "search" has a credential written in the configuration (advanced_security_options.master_user_options.master_user_password)`)
	count(nested) == 1

	listed := secrets.deny with input as fx.doc("aws_elasticache_user", "app", fx.block(1, 5, {"user_name": "app", "passwords": ["a-long-enough-password"]}, {"user_name": 2, "passwords": 3}))
	fx.found(listed, "TG-TF-001", fx.at(3), `aws_elasticache_user "app" has a credential written in the configuration (passwords)`)

	provider := secrets.deny with input as google(`{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMII..."}`)
	fx.found(provider, "TG-TF-001", fx.at(3), `provider "google" has a credential written in the configuration (credentials)`)
}

test_tg_tf_001_compliant if {
	# Unknown until apply (random_password, a secret store), or a placeholder.
	count(secrets.deny) == 0 with input as db({"password": fx.unknown})
	count(secrets.deny) == 0 with input as db({"password": "<db password>"})
	count(secrets.deny) == 0 with input as db({"password": ""})
	count(secrets.deny) == 0 with input as search(fx.unknown)

	# Settings about a credential, and map keys (tags, labels, environment).
	count(secrets.deny) == 0 with input as db({"manage_master_user_password": "true", "master_user_secret_kms_key_id": "alias/rds"})
	count(secrets.deny) == 0 with input as db({"tags": {"password": "rotated-monthly", "__loc": {"path": "main.tf", "start_line": 5, "end_line": 5}}})

	# A masked plan value.
	masked := json.patch(db({"password": "(sensitive value)"}), [{"op": "add", "path": "/resource/__loc/attrs/password/sensitive", "value": true}])
	count(secrets.deny) == 0 with input as masked

	# A file path, and a Secret Manager secret named in a secret reference block.
	count(secrets.deny) == 0 with input as google("./keys/terraform.json")
	fn := fx.doc("google_cloudfunctions2_function", "fn", fx.block(1, 12, {"service_config": [fx.block(2, 11, {"secret_environment_variables": [fx.block(3, 8, {"key": "DB_PASSWORD", "project_id": "acme", "secret": "db-password", "version": "latest"}, {"key": 4, "project_id": 5, "secret": 6, "version": 7})]}, {})]}, {}))
	count(secrets.deny) == 0 with input as fn

	# Reported by TG-AWS-600 and TG-AZ-241.
	count(secrets.deny) == 0 with input as object.union(fx.doc("provider.aws", "", fx.block(1, 3, {"access_key": "AKIAIOSFODNN7EXAMPLE"}, {"access_key": 2})), {"address": "provider.aws"})
	count(secrets.deny) == 0 with input as fx.doc("azurerm_synapse_workspace", "ws", fx.block(1, 3, {"sql_administrator_login_password": "Sup3r-s3cret!"}, {"sql_administrator_login_password": 2}))
}
