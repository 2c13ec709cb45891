package tollgate.encryption.aws.sagemaker

import data.tollgate.lib
import rego.v1

# METADATA
# title: SageMaker notebook storage is not encrypted with a customer managed key
# description: |
#   The aws_sagemaker_notebook_instance has no kms_key_id: its ML storage volume, with
#   notebooks, datasets and cached credentials, is encrypted only with the AWS managed
#   EBS key, whose use the account cannot restrict or audit per key.
# related_resources:
# - https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sagemaker_notebook_instance#kms_key_id
# custom:
#   id: TG-AWS-115
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set kms_key_id to a customer managed KMS key (the instance has to be recreated).
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_sagemaker_notebook_instance"
	r := input.resource
	lib.missing(r, "kms_key_id")
	msg := sprintf("SageMaker notebook instance %q does not encrypt its storage with a customer managed key (kms_key_id is not set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}
