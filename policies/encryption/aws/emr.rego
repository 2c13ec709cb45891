package tollgate.encryption.aws.emr

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# encryption(r) is the EncryptionConfiguration of the security configuration's JSON (a
# jsonencode() result or a heredoc); undefined when the JSON is not known statically or
# invalid. A configuration without EncryptionConfiguration encrypts nothing.
encryption(r) := object.get(doc, "EncryptionConfiguration", {}) if {
	doc := helpers.document(r.configuration)
	is_object(doc)
}

# METADATA
# title: EMR security configuration does not encrypt data at rest
# description: |
#   The configuration JSON of an aws_emr_security_configuration does not set
#   EncryptionConfiguration.EnableAtRestEncryption to true (it is off unless enabled): the
#   EMRFS data the cluster writes to S3, and its local and EBS disks, are not encrypted by
#   EMR. A configuration not known statically is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/emr_security_configuration
# custom:
#   id: TG-AWS-238
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set EnableAtRestEncryption to true in EncryptionConfiguration, with an AtRestEncryptionConfiguration giving S3EncryptionConfiguration (SSE-KMS) and LocalDiskEncryptionConfiguration (AwsKms, EnableEbsEncryption true).
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "aws_emr_security_configuration"
	r := input.resource
	e := encryption(r)
	not on(e, "EnableAtRestEncryption")
	msg := sprintf("EMR security configuration %q does not encrypt data at rest (EnableAtRestEncryption is %s)", [input.name, shown(e, "EnableAtRestEncryption")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "configuration"), msg)
}

# METADATA
# title: EMR security configuration does not encrypt in transit
# description: |
#   The configuration JSON of an aws_emr_security_configuration does not set
#   EncryptionConfiguration.EnableInTransitEncryption to true (it is off unless enabled):
#   Hadoop, Spark and Tez traffic between the cluster's nodes and to S3 through EMRFS is
#   not protected with TLS by EMR.
# related_resources:
# - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-encryption-enable.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/emr_security_configuration
# custom:
#   id: TG-AWS-239
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set EnableInTransitEncryption to true in EncryptionConfiguration, with an InTransitEncryptionConfiguration naming the TLS certificates (PEM or custom provider).
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "aws_emr_security_configuration"
	r := input.resource
	e := encryption(r)
	not on(e, "EnableInTransitEncryption")
	msg := sprintf("EMR security configuration %q does not encrypt data in transit (EnableInTransitEncryption is %s)", [input.name, shown(e, "EnableInTransitEncryption")])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "configuration"), msg)
}

# METADATA
# title: EMR security configuration does not encrypt local disks
# description: |
#   The configuration JSON of an aws_emr_security_configuration enables encryption at rest
#   but gives no AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration, or one
#   without EnableEbsEncryption = true: the instance store and EBS volumes of the cluster's
#   nodes (HDFS blocks, shuffle and spill files, the root volume) stay unencrypted.
#   A configuration without encryption at rest at all is reported by TG-AWS-238.
# related_resources:
# - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html#emr-encryption-localdisk
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/emr_security_configuration
# custom:
#   id: TG-AWS-240
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Add a LocalDiskEncryptionConfiguration to AtRestEncryptionConfiguration with EncryptionKeyProviderType AwsKms, AwsKmsKey set to a KMS key ARN, and EnableEbsEncryption true.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_emr_security_configuration"
	r := input.resource
	e := encryption(r)
	on(e, "EnableAtRestEncryption")
	problem := local_disk(e)
	msg := sprintf("EMR security configuration %q does not encrypt the nodes' %s", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "configuration"), msg)
}

local_disk(e) := "local disks (no LocalDiskEncryptionConfiguration)" if {
	not is_object(object.get(e, ["AtRestEncryptionConfiguration", "LocalDiskEncryptionConfiguration"], null))
} else := "EBS volumes (EnableEbsEncryption is not true)" if {
	not on(object.get(e, ["AtRestEncryptionConfiguration", "LocalDiskEncryptionConfiguration"], {}), "EnableEbsEncryption")
}

# METADATA
# title: EMR security configuration does not encrypt S3 data with KMS
# description: |
#   The configuration JSON of an aws_emr_security_configuration enables encryption at rest
#   but its AtRestEncryptionConfiguration.S3EncryptionConfiguration is absent or uses an
#   EncryptionMode other than SSE-KMS or CSE-KMS (SSE-S3 keys are managed by S3, CSE-Custom
#   by code outside KMS): the data EMRFS writes to S3 is not protected by a KMS key whose
#   policy and use the account controls.
# related_resources:
# - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/emr_security_configuration
# custom:
#   id: TG-AWS-479
#   severity: low
#   category: encryption
#   provider: aws
#   remediation: Set AtRestEncryptionConfiguration.S3EncryptionConfiguration to { EncryptionMode = "SSE-KMS", AwsKmsKey = aws_kms_key.<name>.arn }.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
deny contains finding if {
	input.type == "aws_emr_security_configuration"
	r := input.resource
	e := encryption(r)
	on(e, "EnableAtRestEncryption")
	problem := s3_mode(e)
	msg := sprintf("EMR security configuration %q does not encrypt S3 data with a KMS key (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "configuration"), msg)
}

s3_mode(e) := "no S3EncryptionConfiguration" if {
	not is_object(object.get(e, ["AtRestEncryptionConfiguration", "S3EncryptionConfiguration"], null))
} else := sprintf("EncryptionMode is %v", [mode]) if {
	mode := object.get(e, ["AtRestEncryptionConfiguration", "S3EncryptionConfiguration", "EncryptionMode"], "not set")
	not mode in {"SSE-KMS", "CSE-KMS"}
}

# on(obj, key): key of the configuration JSON is true.
on(obj, key) if lib.is_true(object.get(obj, key, null))

shown(e, key) := "not set" if {
	object.get(e, key, null) == null
} else := sprintf("%v", [e[key]])
