package tollgate.backup.cloudformation.deletion_policy_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.backup.cloudformation.deletion_policy
import rego.v1

#  1 NAME:
#  2   Type: TYPE
#  3   Properties:
#  4     <props>
#  5   DeletionPolicy: POLICY
resource(typ, props, policy) := fx.with_entry(fx.resource(typ, "Store", props, {k: 4 | some k, _ in props}, 4), "DeletionPolicy", policy, 5) if policy != null

resource(typ, props, null) := fx.resource(typ, "Store", props, {k: 4 | some k, _ in props}, 4)

test_tg_cfn_048_violation if {
	f := fx.only(deletion_policy.deny, "TG-CFN-048") with input as resource("AWS::DynamoDB::Table", {}, null)
	f.location == fx.at(1, 4)
	f.message == `DynamoDB table "Store" is deleted with its stack (DeletionPolicy is not set, default Delete)`
}

test_tg_cfn_048_compliant if {
	count(fx.ids(deletion_policy.deny, "TG-CFN-048")) == 0 with input as resource("AWS::DynamoDB::Table", {}, "Retain")
	count(fx.ids(deletion_policy.deny, "TG-CFN-048")) == 0 with input as resource("AWS::S3::Bucket", {}, "RetainExceptOnCreate")
	count(fx.ids(deletion_policy.deny, "TG-CFN-048")) == 0 with input as resource("AWS::EC2::Volume", {}, "Snapshot")

	# RDS snapshots by default; an Aurora instance's cluster holds the data.
	count(fx.ids(deletion_policy.deny, "TG-CFN-048")) == 0 with input as resource("AWS::RDS::DBInstance", {"Engine": "postgres"}, null)
	count(fx.ids(deletion_policy.deny, "TG-CFN-048")) == 0 with input as resource("AWS::RDS::DBInstance", {"DBClusterIdentifier": "orders"}, "Delete")

	# Not a stateful type.
	count(fx.ids(deletion_policy.deny, "TG-CFN-048")) == 0 with input as resource("AWS::SNS::Topic", {}, null)
}

test_tg_cfn_048_explicit_delete if {
	f := fx.only(deletion_policy.deny, "TG-CFN-048") with input as resource("AWS::RDS::DBCluster", {"Engine": "aurora-mysql"}, "Delete")
	f.location == fx.at(5, 5)
	f.message == `RDS cluster "Store" is deleted with its stack (DeletionPolicy: Delete)`
}

test_tg_cfn_048_snapshot_unsupported if {
	# S3 cannot snapshot a bucket: CloudFormation deletes it.
	count(fx.ids(deletion_policy.deny, "TG-CFN-048")) == 1 with input as resource("AWS::S3::Bucket", {}, "Snapshot")
}

test_tg_cfn_048_unknown_does_not_fire if {
	# DeletionPolicy: !If [IsProd, Retain, Delete]
	doc := json.patch(resource("AWS::EFS::FileSystem", {}, null), [{"op": "add", "path": "/resource/__loc/attrs/DeletionPolicy", "value": fx.U(5)}])
	count(fx.ids(deletion_policy.deny, "TG-CFN-048")) == 0 with input as doc
}
