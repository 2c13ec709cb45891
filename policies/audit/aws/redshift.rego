package tollgate.audit.aws.redshift

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: Redshift audit logging is disabled
# description: |
#   No aws_redshift_logging refers to the aws_redshift_cluster, and the cluster's own
#   logging block (deprecated in AWS provider v5) is absent or has enable = false:
#   connection and user activity logs, which show who ran which queries on the data
#   warehouse, are not kept.
# related_resources:
# - https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-4
# custom:
#   id: TG-AWS-181
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Add an aws_redshift_logging with cluster_identifier = aws_redshift_cluster.<name>.id and log_destination_type = "cloudwatch" (or an S3 bucket), and set enable_user_activity_logging in the parameter group.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_redshift_cluster"
	not helpers.has_related("aws_redshift_logging")
	some v in unlogged
	msg := sprintf("Redshift cluster %q does not keep audit logs (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

unlogged contains {"text": "no aws_redshift_logging refers to it", "location": lib.loc(input.resource)} if {
	helpers.no_block(input.resource, "logging")
}

unlogged contains {"text": sprintf("logging %s", [problem]), "location": lib.attr_loc(logging, "enable")} if {
	some logging in input.resource.logging
	problem := helpers.off(logging, "enable")
}
