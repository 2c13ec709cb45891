package tollgate.encryption.aws.redshift

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Redshift cluster is not encrypted
# description: |
#   encrypted is false, or not set (the AWS provider v5 default is false), on an
#   aws_redshift_cluster: the data warehouse's blocks, system metadata and snapshots
#   are stored unencrypted.
# related_resources:
# - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-10
# custom:
#   id: TG-AWS-098
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set encrypted = true with kms_key_id set to a customer managed key; an existing cluster can be encrypted in place (modify-cluster) or restored from a snapshot into an encrypted one.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "aws_redshift_cluster"
	r := input.resource
	problem := helpers.off(r, "encrypted")
	msg := sprintf("Redshift cluster %q is not encrypted at rest (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "encrypted"), msg)
}
