package tollgate.access.aws.provider_credentials

import data.tollgate.access.terraform.secrets
import data.tollgate.lib
import rego.v1

key_kinds := {"access_key": "access key id", "secret_key": "secret access key", "token": "session token"}

# METADATA
# title: AWS provider block holds access keys
# description: |
#   The provider "aws" block sets access_key, secret_key or token to a literal value
#   (written in the block, or coming from a variable default, a .tfvars file or a local).
#   Long-lived IAM user keys are then in the repository and its history, in every clone,
#   and whoever reads them acts as that user, from anywhere, until the key is deactivated.
#   Values Terraform only knows at apply time and placeholders are not reported.
# related_resources:
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration
# - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp
# custom:
#   id: TG-AWS-600
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Remove access_key, secret_key and token from the provider block and let the provider find credentials in its environment (AWS_PROFILE, SSO, an instance or task role, OIDC web identity in CI, or assume_role); deactivate and rotate the committed key.
#   frameworks:
#     nist-800-53: ["IA-5", "IA-5(7)"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
deny contains finding if {
	input.type == "provider.aws"
	p := input.resource
	some key, kind in key_kinds
	is_string(p[key])
	secrets.literal_secret(p[key])
	not p.__loc.attrs[key].sensitive
	msg := sprintf("AWS provider%s has its %s written in the configuration (%s)", [secrets.alias, kind, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, key), msg)
}
