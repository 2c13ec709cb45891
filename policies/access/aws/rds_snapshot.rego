package tollgate.access.aws.rds_snapshot

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_snapshot": "RDS snapshot",
	"aws_db_cluster_snapshot": "RDS cluster snapshot",
}

# METADATA
# title: RDS snapshot is public
# description: |
#   shared_accounts of an aws_db_snapshot or aws_db_cluster_snapshot contains "all": every
#   AWS account can copy the snapshot or restore a database from it, and with it the whole
#   content of the database at the time it was taken.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_snapshot#shared_accounts
# custom:
#   id: TG-AWS-468
#   severity: critical
#   category: access
#   provider: aws
#   remediation: Remove "all" from shared_accounts and list the account IDs that need the snapshot.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["7.2.1"]
deny contains finding if {
	input.type in {"aws_db_snapshot", "aws_db_cluster_snapshot"}
	r := input.resource
	some account in r.shared_accounts
	is_string(account)
	lower(account) == "all"
	msg := sprintf("%s %q is shared with every AWS account (shared_accounts contains \"all\")", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "shared_accounts"), msg)
}
