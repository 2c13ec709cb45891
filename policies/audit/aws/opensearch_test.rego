package tollgate.audit.aws.opensearch_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.opensearch
import rego.v1

# resource "aws_opensearch_domain" "logs" {                            # line 1
#   domain_name = "logs"                                               # line 2
#   log_publishing_options {                                           # line 3
#     log_type                 = TYPE                                  # line 4
#     cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn    # line 5 (unknown)
#     enabled                  = ENABLED                               # line 6
#   }                                                                  # line 7
# }                                                                    # line 8
domain(publishing) := fx.doc("aws_opensearch_domain", "logs", fx.block(1, 8, object.union({"domain_name": "logs"}, publishing), {"domain_name": 2}))

publishing(attrs) := {"log_publishing_options": [fx.block(3, 7, object.union({"cloudwatch_log_group_arn": fx.unknown}, attrs), {"log_type": 4, "cloudwatch_log_group_arn": 5, "enabled": 6})]}

test_tg_aws_182_violation if {
	findings := opensearch.deny with input as domain(publishing({"log_type": "ES_APPLICATION_LOGS"}))
	fx.found(findings, "TG-AWS-182", fx.span(1, 8), `OpenSearch domain "logs" does not publish audit logs (no log_publishing_options with log_type AUDIT_LOGS)`)
	count(findings) == 1
}

test_tg_aws_182_compliant if {
	count(opensearch.deny) == 0 with input as domain(publishing({"log_type": "AUDIT_LOGS"}))
	count(opensearch.deny) == 0 with input as domain(publishing({"log_type": "AUDIT_LOGS", "enabled": true}))
	count(opensearch.deny) == 0 with input as domain(publishing({"log_type": fx.unknown}))
}

test_tg_aws_182_disabled_or_missing_fires if {
	count(opensearch.deny) == 1 with input as domain(publishing({"log_type": "AUDIT_LOGS", "enabled": false}))
	count(opensearch.deny) == 1 with input as domain({})
}

test_tg_aws_182_unknown_does_not_fire if {
	d := fx.doc("aws_opensearch_domain", "logs", fx.block(1, 8, {"domain_name": "logs", "log_publishing_options": fx.unknown}, {"domain_name": 2, "log_publishing_options": [3, 7]}))
	count(opensearch.deny) == 0 with input as d
}
