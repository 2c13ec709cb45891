package tollgate.access.aws.elasticache_auth

import data.tollgate.lib
import rego.v1

# METADATA
# title: ElastiCache replication group does not authenticate clients
# description: |
#   An aws_elasticache_replication_group with transit encryption sets neither auth_token
#   (Redis AUTH) nor user_group_ids (role-based access control): any client that reaches
#   the group on the network can read and change every key. (Without transit encryption,
#   neither can be set; TG-AWS-097 reports that.)
# related_resources:
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
# custom:
#   id: TG-AWS-472
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set user_group_ids to an aws_elasticache_user_group with users and access strings of their own, or auth_token from a secret (never a literal).
#   frameworks:
#     nist-800-53: ["IA-2", "AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type == "aws_elasticache_replication_group"
	r := input.resource
	lib.is_true(r.transit_encryption_enabled)
	lib.missing(r, "auth_token")
	no_user_groups(r)
	msg := sprintf("ElastiCache replication group %q does not authenticate clients (neither auth_token nor user_group_ids is set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

no_user_groups(r) if lib.missing(r, "user_group_ids")

no_user_groups(r) if r.user_group_ids == []
