package tollgate.access.aws.redshift

import data.tollgate.lib
import rego.v1

# METADATA
# title: Redshift cluster is publicly accessible
# description: |
#   publicly_accessible is true on an aws_redshift_cluster, or not set: the AWS provider
#   v5 defaults it to true. The cluster gets a public address and its SQL endpoint,
#   holding the data warehouse, is one security group rule away from the internet.
# related_resources:
# - https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1
# custom:
#   id: TG-AWS-062
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set publicly_accessible = false and reach the cluster from inside the VPC (or through a Redshift-managed VPC endpoint).
#   frameworks:
#     nist-800-53: ["AC-3", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.4.4"]
deny contains finding if {
	input.type == "aws_redshift_cluster"
	r := input.resource
	problem := public(r)
	msg := sprintf("Redshift cluster %q is publicly accessible (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "publicly_accessible"), msg)
}

public(r) := "publicly_accessible = true" if {
	lib.is_true(r.publicly_accessible)
} else := "publicly_accessible is not set, default true" if {
	lib.missing(r, "publicly_accessible")
}
