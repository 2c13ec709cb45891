package tollgate.encryption.cloudformation.rds

import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

# Properties from which a database takes its encryption instead of StorageEncrypted: a read
# replica or a restore inherits it from its source, an Aurora instance from its cluster.
inherited_from := {
	"AWS::RDS::DBInstance": ["SourceDBInstanceIdentifier", "SourceDbiResourceId", "DBSnapshotIdentifier", "DBClusterIdentifier"],
	"AWS::RDS::DBCluster": ["SnapshotIdentifier", "SourceDBClusterIdentifier"],
}

# METADATA
# title: CloudFormation RDS storage is not encrypted
# description: |
#   StorageEncrypted is false, or not set (its default is false), on an AWS::RDS::DBInstance or
#   AWS::RDS::DBCluster: the database's storage, automated backups, read replicas and
#   snapshots are unencrypted, and encryption cannot be turned on later without restoring
#   from an encrypted snapshot copy. Not reported when StorageEncrypted is left unset on a
#   read replica or a restore (SourceDBInstanceIdentifier, SourceDbiResourceId,
#   DBSnapshotIdentifier, SnapshotIdentifier, SourceDBClusterIdentifier), on an Aurora instance
#   (DBClusterIdentifier: the cluster decides) or on a serverless v1 cluster (always
#   encrypted), nor when its value is unknown (a parameter without a Default, Fn::If).
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storageencrypted
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
# custom:
#   id: TG-CFN-002
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set StorageEncrypted to true (and KmsKeyId to a customer managed key if required). For an existing database, restore it from an encrypted copy of a snapshot.
#   frameworks:
#     cis-aws-2.0: ["2.3.1"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	p := input.resource.Properties
	problem := unencrypted(p)
	msg := sprintf("%s %q %s", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "StorageEncrypted"), msg)
}

unencrypted(p) := "has StorageEncrypted: false" if {
	disabled(p.StorageEncrypted)
} else := "does not set StorageEncrypted (default false)" if {
	lib.missing(p, "StorageEncrypted")
	not encrypted_elsewhere(p)
}

# Set, or unknown: the source may be encrypted.
encrypted_elsewhere(p) if {
	some key in inherited_from[input.type]
	not lib.missing(p, key)
}

encrypted_elsewhere(p) if {
	input.type == "AWS::RDS::DBCluster"
	p.EngineMode == "serverless"
}

encrypted_elsewhere(p) if {
	input.type == "AWS::RDS::DBCluster"
	lib.unknown(p, "EngineMode")
}

# lib.is_false is given strings only: on a boolean true it would raise a type error
# when builtin errors are strict.
disabled(v) if v == false

disabled(v) if {
	is_string(v)
	lib.is_false(v)
}
