package tollgate.encryption.cloudformation.elasticache

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation ElastiCache replication group is not encrypted at rest
# description: |
#   AtRestEncryptionEnabled is false, or not set (its default is false for the redis
#   engine, which is the default Engine), on an AWS::ElastiCache::ReplicationGroup: the
#   cache's data on disk, its swap and its backups in S3 are unencrypted. Valkey
#   replication groups, encrypted by default, are reported only when the property is
#   explicitly false. Encryption at rest cannot be turned on for an existing group.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html#cfn-elasticache-replicationgroup-atrestencryptionenabled
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
# custom:
#   id: TG-CFN-036
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set AtRestEncryptionEnabled to true (and KmsKeyId to a customer managed key if required); for an existing group, create an encrypted one from a backup.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type == "AWS::ElastiCache::ReplicationGroup"
	p := input.resource.Properties
	problem := at_rest_off(p)
	msg := sprintf("ElastiCache replication group %q is not encrypted at rest (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "AtRestEncryptionEnabled"), msg)
}

at_rest_off(p) := "AtRestEncryptionEnabled: false" if {
	lib.is_false(p.AtRestEncryptionEnabled)
} else := "AtRestEncryptionEnabled is not set, default false" if {
	lib.missing(p, "AtRestEncryptionEnabled")
	redis(p)
}

redis(p) if lib.missing(p, "Engine")

redis(p) if {
	is_string(p.Engine)
	lower(p.Engine) == "redis"
}

# METADATA
# title: CloudFormation ElastiCache replication group is not encrypted in transit
# description: |
#   TransitEncryptionEnabled is false, or not set (its default is false), on an
#   AWS::ElastiCache::ReplicationGroup: clients and replicas exchange data, and AUTH
#   tokens, in clear text on the network, and Redis AUTH cannot be enabled.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html#cfn-elasticache-replicationgroup-transitencryptionenabled
# - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
# custom:
#   id: TG-CFN-037
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set TransitEncryptionEnabled to true (TransitEncryptionMode preferred while clients migrate, then required) and connect with TLS.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "AWS::ElastiCache::ReplicationGroup"
	p := input.resource.Properties
	problem := helpers.off(p, "TransitEncryptionEnabled")
	msg := sprintf("ElastiCache replication group %q is not encrypted in transit (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "TransitEncryptionEnabled"), msg)
}
