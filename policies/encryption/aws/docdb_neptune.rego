package tollgate.encryption.aws.docdb_neptune

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_docdb_cluster": "DocumentDB cluster",
	"aws_neptune_cluster": "Neptune cluster",
}

# METADATA
# title: DocumentDB or Neptune cluster storage is not encrypted
# description: |
#   storage_encrypted is false, or not set (its default is false), on an
#   aws_docdb_cluster or aws_neptune_cluster: the cluster volume, its automated backups
#   and snapshots are unencrypted, and encryption cannot be turned on for an existing
#   cluster.
# related_resources:
# - https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html
# - https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html
# custom:
#   id: TG-AWS-110
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set storage_encrypted = true (with kms_key_arn for a customer managed key); migrate an existing cluster by restoring an encrypted snapshot copy.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"aws_docdb_cluster", "aws_neptune_cluster"}
	r := input.resource
	problem := helpers.off(r, "storage_encrypted")
	msg := sprintf("%s %q is not encrypted at rest (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "storage_encrypted"), msg)
}
