package tollgate.encryption.cloudformation.redshift

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Redshift cluster is not encrypted
# description: |
#   Encrypted is false on an AWS::Redshift::Cluster: the data warehouse's blocks, system
#   metadata and snapshots are stored unencrypted. Clusters that leave Encrypted out are
#   encrypted by Redshift's default (since January 2025) and are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-cluster.html#cfn-redshift-cluster-encrypted
# - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
# custom:
#   id: TG-CFN-038
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set Encrypted to true (and KmsKeyId to a customer managed key if required).
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "AWS::Redshift::Cluster"
	p := input.resource.Properties
	lib.is_false(p.Encrypted)
	msg := sprintf("Redshift cluster %q is not encrypted (Encrypted: false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "Encrypted"), msg)
}
