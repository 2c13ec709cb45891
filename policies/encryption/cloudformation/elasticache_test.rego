package tollgate.encryption.cloudformation.elasticache_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.elasticache
import rego.v1

#  1 Cache:
#  2   Type: AWS::ElastiCache::ReplicationGroup
#  3   Properties:
#  4     ReplicationGroupDescription: sessions
#  5     AtRestEncryptionEnabled: ...
#  6     TransitEncryptionEnabled: ...
#  7     Engine: ...
group(props, unknown) := fx.resource("AWS::ElastiCache::ReplicationGroup", "Cache", object.union({"ReplicationGroupDescription": "sessions"}, props), attrs, 7) if {
	written := {k: line | some k, _ in props; line := lines[k]}
	attrs := object.union(object.union({"ReplicationGroupDescription": 4}, written), {k: fx.U(lines[k]) | some k in unknown})
}

encrypted := {"AtRestEncryptionEnabled": true, "TransitEncryptionEnabled": true}

lines := {"AtRestEncryptionEnabled": 5, "TransitEncryptionEnabled": 6, "Engine": 7}

test_tg_cfn_036_violation if {
	f := fx.only(elasticache.deny, "TG-CFN-036") with input as group(object.union(encrypted, {"AtRestEncryptionEnabled": false}), set())
	f.location == fx.at(5, 5)
	f.message == `ElastiCache replication group "Cache" is not encrypted at rest (AtRestEncryptionEnabled: false)`
}

test_tg_cfn_036_compliant if {
	count(fx.ids(elasticache.deny, "TG-CFN-036")) == 0 with input as group(encrypted, set())

	# Valkey encrypts at rest by default.
	count(fx.ids(elasticache.deny, "TG-CFN-036")) == 0 with input as group({"Engine": "valkey"}, set())
}

test_tg_cfn_036_missing_fires if {
	f := fx.only(elasticache.deny, "TG-CFN-036") with input as group({"Engine": "Redis", "TransitEncryptionEnabled": true}, set())
	f.location == fx.at(3, 7)
	f.message == `ElastiCache replication group "Cache" is not encrypted at rest (AtRestEncryptionEnabled is not set, default false)`
	count(fx.ids(elasticache.deny, "TG-CFN-036")) == 1 with input as group({}, set())
}

test_tg_cfn_036_unknown_does_not_fire if {
	count(fx.ids(elasticache.deny, "TG-CFN-036")) == 0 with input as group({}, {"AtRestEncryptionEnabled"})
	count(fx.ids(elasticache.deny, "TG-CFN-036")) == 0 with input as group({}, {"Engine"})
}

test_tg_cfn_037_violation if {
	f := fx.only(elasticache.deny, "TG-CFN-037") with input as group(object.union(encrypted, {"TransitEncryptionEnabled": "false"}), set())
	f.location == fx.at(6, 6)
	f.message == `ElastiCache replication group "Cache" is not encrypted in transit (TransitEncryptionEnabled: false)`
}

test_tg_cfn_037_compliant if {
	count(fx.ids(elasticache.deny, "TG-CFN-037")) == 0 with input as group(encrypted, set())
}

test_tg_cfn_037_unknown_does_not_fire if {
	count(fx.ids(elasticache.deny, "TG-CFN-037")) == 0 with input as group({}, {"TransitEncryptionEnabled"})
}
