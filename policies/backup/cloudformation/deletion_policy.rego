package tollgate.backup.cloudformation.deletion_policy

import data.tollgate.lib
import rego.v1

# Stateful resources CloudFormation deletes, with their data, when the stack is deleted
# or the resource is removed from the template, unless DeletionPolicy keeps them.
kinds := {
	"AWS::DynamoDB::Table": "DynamoDB table",
	"AWS::DynamoDB::GlobalTable": "DynamoDB global table",
	"AWS::EFS::FileSystem": "EFS file system",
	"AWS::S3::Bucket": "S3 bucket",
	"AWS::EC2::Volume": "EBS volume",
	"AWS::Redshift::Cluster": "Redshift cluster",
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

# Types whose deletion can leave a final snapshot behind.
snapshot_types := {"AWS::EC2::Volume", "AWS::Redshift::Cluster", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}

# Types CloudFormation snapshots when DeletionPolicy is not set.
snapshot_by_default := {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}

# METADATA
# title: CloudFormation stateful resource is deleted with its stack
# description: |
#   A resource that holds data (DynamoDB table, EFS file system, S3 bucket, EBS volume,
#   Redshift cluster, RDS database) has DeletionPolicy Delete, or none where
#   CloudFormation's default is Delete: deleting the stack, or removing the resource from
#   the template, destroys the data with no copy left. Retain and RetainExceptOnCreate are
#   compliant, and so is Snapshot where the type supports it. RDS databases, which
#   CloudFormation snapshots by default, are reported only for an explicit Delete, and
#   Aurora instances (DBClusterIdentifier) not at all: their cluster holds the data.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html
# custom:
#   id: TG-CFN-048
#   severity: low
#   category: backup
#   provider: aws
#   remediation: Set DeletionPolicy (and UpdateReplacePolicy) to Retain, or to Snapshot for databases and volumes, on every resource that holds data.
#   frameworks:
#     nist-800-53: ["CP-9"]
#     soc2: ["A1.2"]
deny contains finding if {
	input.type in {"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::EFS::FileSystem", "AWS::S3::Bucket", "AWS::EC2::Volume", "AWS::Redshift::Cluster", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	r := input.resource
	not aurora_member(r)
	problem := deleted(r)
	msg := sprintf("%s %q is deleted with its stack (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "DeletionPolicy"), msg)
}

deleted(r) := sprintf("DeletionPolicy: %s", [r.DeletionPolicy]) if {
	is_string(r.DeletionPolicy)
	not r.DeletionPolicy in keeps
} else := "DeletionPolicy is not set, default Delete" if {
	lib.missing(r, "DeletionPolicy")
	not input.type in snapshot_by_default
}

keeps := {"Retain", "RetainExceptOnCreate", "Snapshot"} if input.type in snapshot_types

else := {"Retain", "RetainExceptOnCreate"}

aurora_member(r) if {
	input.type == "AWS::RDS::DBInstance"
	not lib.missing(r.Properties, "DBClusterIdentifier")
}
