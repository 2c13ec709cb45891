package tollgate.encryption.cloudformation.eks

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation EKS secrets are not envelope-encrypted with KMS
# description: |
#   The AWS::EKS::Cluster has no EncryptionConfig whose Resources include "secrets":
#   Kubernetes Secrets are stored in etcd under EKS's default encryption only, and anyone
#   who obtains an etcd backup or volume reads every service account token, password and
#   certificate. Clusters whose EncryptionConfig the template does not decide are not
#   reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-cluster-encryptionconfig.html
# - https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html
# custom:
#   id: TG-CFN-041
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: 'Add EncryptionConfig: [{Provider: {KeyArn: <customer managed KMS key>}, Resources: [secrets]}].'
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "AWS::EKS::Cluster"
	p := input.resource.Properties
	not lib.unknown(p, "EncryptionConfig")
	not secrets_encrypted(p)
	msg := sprintf("EKS cluster %q does not envelope-encrypt Kubernetes secrets with KMS (no EncryptionConfig for secrets)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "EncryptionConfig"), msg)
}

secrets_encrypted(p) if {
	some config in p.EncryptionConfig
	"secrets" in helpers.strings_of(config.Resources)
}

secrets_encrypted(p) if {
	some config in p.EncryptionConfig
	lib.unknown(config, "Resources")
}
