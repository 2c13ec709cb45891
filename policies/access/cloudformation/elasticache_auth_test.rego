package tollgate.access.cloudformation.elasticache_auth_test

import data.tollgate.access.cloudformation.elasticache_auth
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 Sessions:
#  2   Type: AWS::ElastiCache::ReplicationGroup
#  3   Properties:
#  4     TransitEncryptionEnabled: true
#  5     AuthToken / UserGroupIds: ...
group(props) := fx.resource("AWS::ElastiCache::ReplicationGroup", "Sessions", object.union({"TransitEncryptionEnabled": true}, props), object.union({"TransitEncryptionEnabled": 4}, {k: 5 | some k, _ in props}), 5)

test_tg_cfn_150_violation if {
	f := fx.only(elasticache_auth.deny, "TG-CFN-150") with input as group({})
	f.location == fx.at(3, 5)
	f.message == `ElastiCache replication group "Sessions" does not authenticate clients (neither AuthToken nor UserGroupIds is set)`
}

test_tg_cfn_150_compliant if {
	count(fx.ids(elasticache_auth.deny, "TG-CFN-150")) == 0 with input as group({"UserGroupIds": ["sessions-users"]})

	# An AuthToken from a dynamic reference or a parameter without a default is unknown.
	unknown := fx.resource("AWS::ElastiCache::ReplicationGroup", "Sessions", {"TransitEncryptionEnabled": true}, {"TransitEncryptionEnabled": 4, "AuthToken": fx.U(5)}, 5)
	count(fx.ids(elasticache_auth.deny, "TG-CFN-150")) == 0 with input as unknown
}
