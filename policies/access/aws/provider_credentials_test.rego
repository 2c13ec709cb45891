package tollgate.access.aws.provider_credentials_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.access.aws.provider_credentials
import rego.v1

# provider "aws" {               # line 1
#   region     = "eu-west-1"     # line 2
#   access_key = ACCESS          # line 3
#   secret_key = SECRET          # line 4
# }                              # line 5
provider(attrs) := object.union(fx.doc("provider.aws", "", fx.block(1, 5, object.union({"region": "eu-west-1"}, attrs), {"region": 2, "access_key": 3, "secret_key": 4})), {"address": "provider.aws"})

test_tg_aws_600_violation if {
	findings := provider_credentials.deny with input as provider({"access_key": "AKIAIOSFODNN7EXAMPLE", "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})
	fx.found(findings, "TG-AWS-600", fx.at(3), `AWS provider has its access key id written in the configuration (access_key)`)
	fx.found(findings, "TG-AWS-600", fx.at(4), `AWS provider has its secret access key written in the configuration (secret_key)`)
	count(findings) == 2
}

test_tg_aws_600_compliant if {
	count(provider_credentials.deny) == 0 with input as provider({})
	count(provider_credentials.deny) == 0 with input as provider({"access_key": fx.unknown, "secret_key": fx.unknown})
	count(provider_credentials.deny) == 0 with input as provider({"access_key": "", "secret_key": "<secret key>"})
	count(provider_credentials.deny) == 0 with input as provider({"access_key": "${AWS_ACCESS_KEY_ID}"})
}

test_tg_aws_600_alias_violation if {
	west := object.union(provider({"secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}), {"name": "west", "address": "provider.aws.west"})
	findings := provider_credentials.deny with input as west
	fx.found(findings, "TG-AWS-600", fx.at(4), `AWS provider (alias "west") has its secret access key written in the configuration (secret_key)`)
}
