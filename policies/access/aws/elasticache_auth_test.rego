package tollgate.access.aws.elasticache_auth_test

import data.tollgate.access.aws.elasticache_auth
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_elasticache_replication_group" "sessions" {   # line 1
#   replication_group_id       = "sessions"                   # line 2
#   transit_encryption_enabled = TRANSIT                      # line 3
#   auth_token                 = TOKEN                        # line 4
# }                                                           # line 5
group(attrs) := fx.doc("aws_elasticache_replication_group", "sessions", fx.block(1, 5, object.union({"replication_group_id": "sessions"}, attrs), {"replication_group_id": 2, "transit_encryption_enabled": 3, "auth_token": 4, "user_group_ids": 4}))

test_tg_aws_472_violation if {
	findings := elasticache_auth.deny with input as group({"transit_encryption_enabled": true})
	fx.found(findings, "TG-AWS-472", fx.span(1, 5), `ElastiCache replication group "sessions" does not authenticate clients (neither auth_token nor user_group_ids is set)`)
	count(findings) == 1
}

test_tg_aws_472_compliant if {
	count(elasticache_auth.deny) == 0 with input as group({"transit_encryption_enabled": true, "auth_token": fx.unknown})
	count(elasticache_auth.deny) == 0 with input as group({"transit_encryption_enabled": true, "user_group_ids": ["sessions"]})
	count(elasticache_auth.deny) == 0 with input as group({"transit_encryption_enabled": true, "user_group_ids": fx.unknown})
	count(elasticache_auth.deny) == 0 with input as group({"transit_encryption_enabled": false})
	count(elasticache_auth.deny) == 0 with input as group({})
}
