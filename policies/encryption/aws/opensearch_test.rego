package tollgate.encryption.aws.opensearch_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.opensearch
import rego.v1

# resource "aws_opensearch_domain" "logs" {                  # line 1
#   domain_name = "logs"                                     # line 2
#   encrypt_at_rest {                                        # line 3
#     enabled = AT_REST                                      # line 4
#   }                                                        # line 5
#   node_to_node_encryption {                                # line 6
#     enabled = NODE_TO_NODE                                 # line 7
#   }                                                        # line 8
#   domain_endpoint_options {                                # line 9
#     enforce_https       = HTTPS                            # line 10
#     tls_security_policy = POLICY                           # line 11
#   }                                                        # line 12
# }                                                          # line 13
domain(at_rest, node_to_node, endpoint) := fx.doc("aws_opensearch_domain", "logs", fx.block(1, 13, body, {"domain_name": 2})) if {
	body := {
		"domain_name": "logs",
		"encrypt_at_rest": [fx.block(3, 5, at_rest, {"enabled": 4})],
		"node_to_node_encryption": [fx.block(6, 8, node_to_node, {"enabled": 7})],
		"domain_endpoint_options": [fx.block(9, 12, endpoint, {"enforce_https": 10, "tls_security_policy": 11})],
	}
}

without(block) := json.remove(domain(on, on, secure), [concat("/", ["resource", block])])

on := {"enabled": true}

secure := {"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-2-PFS-2023-10"}

test_tg_aws_111_violation if {
	findings := opensearch.deny with input as domain({"enabled": false}, on, secure)
	fx.found(findings, "TG-AWS-111", fx.at(4), `OpenSearch domain "logs" is not encrypted at rest (encrypt_at_rest enabled = false)`)
	count(findings) == 1
}

test_tg_aws_111_compliant if {
	count(opensearch.deny) == 0 with input as domain(on, on, secure)
}

test_tg_aws_111_missing_block_fires if {
	fx.found(opensearch.deny, "TG-AWS-111", fx.span(1, 13), `OpenSearch domain "logs" is not encrypted at rest (no encrypt_at_rest block)`) with input as without("encrypt_at_rest")
}

test_tg_aws_111_unknown_does_not_fire if {
	count(opensearch.deny) == 0 with input as domain({"enabled": fx.unknown}, on, secure)
}

test_tg_aws_112_violation if {
	findings := opensearch.deny with input as domain(on, {"enabled": "false"}, secure)
	fx.found(findings, "TG-AWS-112", fx.at(7), `OpenSearch domain "logs" does not encrypt traffic between its nodes (node_to_node_encryption enabled = false)`)
	count(findings) == 1
}

test_tg_aws_112_compliant if {
	count(fx.ids(opensearch.deny, "TG-AWS-112")) == 0 with input as domain(on, on, secure)
	count(fx.ids(opensearch.deny, "TG-AWS-112")) == 0 with input as domain(on, {"enabled": fx.unknown}, secure)
}

test_tg_aws_112_missing_block_fires if {
	fx.found(opensearch.deny, "TG-AWS-112", fx.span(1, 13), `OpenSearch domain "logs" does not encrypt traffic between its nodes (no node_to_node_encryption block)`) with input as without("node_to_node_encryption")
}

test_tg_aws_113_violation if {
	findings := opensearch.deny with input as domain(on, on, {"enforce_https": false, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"})
	fx.found(findings, "TG-AWS-113", fx.at(10), `OpenSearch domain "logs" does not enforce HTTPS (enforce_https = false)`)
	fx.found(findings, "TG-AWS-113", fx.at(11), `OpenSearch domain "logs" accepts TLS 1.0 (tls_security_policy = "Policy-Min-TLS-1-0-2019-07"), older than TLS 1.2`)
	count(findings) == 2
}

test_tg_aws_113_compliant if {
	count(opensearch.deny) == 0 with input as domain(on, on, secure)
	count(opensearch.deny) == 0 with input as domain(on, on, {"enforce_https": fx.unknown, "tls_security_policy": fx.unknown})
	count(opensearch.deny) == 0 with input as domain(on, on, {})
}

test_tg_aws_113_elasticsearch_domain if {
	d := json.patch(domain(on, on, {"enforce_https": false}), [{"op": "replace", "path": "/type", "value": "aws_elasticsearch_domain"}])
	fx.found(opensearch.deny, "TG-AWS-113", fx.at(10), `Elasticsearch domain "logs" does not enforce HTTPS (enforce_https = false)`) with input as d
}

test_tg_aws_113_no_endpoint_options_block if {
	findings := opensearch.deny with input as without("domain_endpoint_options")
	fx.found(findings, "TG-AWS-113", fx.span(1, 13), `OpenSearch domain "logs" does not enforce HTTPS (no domain_endpoint_options block)`)
	count(fx.ids(findings, "TG-AWS-113")) == 1
}
