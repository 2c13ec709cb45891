package tollgate.access.cloudformation.elasticache_auth

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation ElastiCache replication group does not authenticate clients
# description: |
#   An AWS::ElastiCache::ReplicationGroup with TransitEncryptionEnabled true sets neither
#   AuthToken (Redis AUTH) nor UserGroupIds (role-based access control): any client that
#   reaches the group on the network can read and change every key. (Without transit
#   encryption neither can be set; TG-CFN-037 reports that.) Values the template does not
#   decide are not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html#cfn-elasticache-replicationgroup-authtoken
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
# custom:
#   id: TG-CFN-150
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set UserGroupIds to an AWS::ElastiCache::UserGroup with users and access strings of their own, or AuthToken from a Secrets Manager dynamic reference (never a literal).
#   frameworks:
#     nist-800-53: ["IA-2", "AC-3"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type == "AWS::ElastiCache::ReplicationGroup"
	p := input.resource.Properties
	lib.is_true(p.TransitEncryptionEnabled)
	lib.missing(p, "AuthToken")
	no_user_groups(p)
	msg := sprintf("ElastiCache replication group %q does not authenticate clients (neither AuthToken nor UserGroupIds is set)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}

no_user_groups(p) if lib.missing(p, "UserGroupIds")

no_user_groups(p) if {
	p.UserGroupIds == []
	not lib.unknown(p, "UserGroupIds")
}
