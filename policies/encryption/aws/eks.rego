package tollgate.encryption.aws.eks

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: EKS secrets are not envelope-encrypted with KMS
# description: |
#   The aws_eks_cluster has no encryption_config whose resources include "secrets":
#   Kubernetes Secrets are stored in etcd under EKS's default encryption only, and
#   anyone who obtains an etcd backup or volume reads every service account token,
#   password and certificate. Clusters whose encryption_config is not known statically
#   are not reported.
# related_resources:
# - https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3
# custom:
#   id: TG-AWS-106
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Add encryption_config { resources = ["secrets"], provider { key_arn = aws_kms_key.<name>.arn } }.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_eks_cluster"
	r := input.resource
	not lib.unknown(r, "encryption_config")
	not encrypts_secrets(r)
	msg := sprintf("EKS cluster %q does not encrypt Kubernetes secrets with a KMS key (no encryption_config for \"secrets\")", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

encrypts_secrets(r) if {
	some config in r.encryption_config
	"secrets" in helpers.strings_of(config.resources)
}

# A block whose resources are not known may cover secrets.
encrypts_secrets(r) if {
	some config in r.encryption_config
	lib.unknown(config, "resources")
}
