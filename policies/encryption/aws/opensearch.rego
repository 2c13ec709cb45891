package tollgate.encryption.aws.opensearch

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_opensearch_domain": "OpenSearch domain",
	"aws_elasticsearch_domain": "Elasticsearch domain",
}

# METADATA
# title: OpenSearch domain is not encrypted at rest
# description: |
#   An aws_opensearch_domain or aws_elasticsearch_domain has no encrypt_at_rest block, or
#   one with enabled = false: indices, logs, swap and automated snapshots are stored
#   unencrypted. Encryption at rest cannot be enabled on some existing domains without
#   migrating the data.
# related_resources:
# - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-1
# custom:
#   id: TG-AWS-111
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Add encrypt_at_rest { enabled = true } (with kms_key_id for a customer managed key).
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	some v in disabled_block("encrypt_at_rest")
	msg := sprintf("%s %q is not encrypted at rest (%s)", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# METADATA
# title: OpenSearch node-to-node encryption is disabled
# description: |
#   An aws_opensearch_domain or aws_elasticsearch_domain has no node_to_node_encryption
#   block, or one with enabled = false: data, queries and credentials travel between
#   the domain's nodes in clear text inside the VPC.
# related_resources:
# - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-3
# custom:
#   id: TG-AWS-112
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Add node_to_node_encryption { enabled = true }.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	some v in disabled_block("node_to_node_encryption")
	msg := sprintf("%s %q does not encrypt traffic between its nodes (%s)", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# METADATA
# title: OpenSearch domain does not enforce HTTPS with current TLS
# description: |
#   The domain_endpoint_options of an aws_opensearch_domain or aws_elasticsearch_domain
#   set enforce_https = false, so clients may query over plain HTTP, or a
#   tls_security_policy older than the min_tls_version parameter (1.2 by default), e.g.
#   "Policy-Min-TLS-1-0-2019-07". A domain without any domain_endpoint_options block is
#   created with AWS's endpoint defaults, which do not enforce HTTPS, and is reported on
#   the resource (inside the block, enforce_https defaults to true).
# related_resources:
# - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-8
# custom:
#   id: TG-AWS-113
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Set enforce_https = true and tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" in domain_endpoint_options.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	some v in weak_endpoint
	msg := sprintf("%s %q %s", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# Without a domain_endpoint_options block the domain is created with AWS's defaults, which
# do not enforce HTTPS; inside the block the provider's default for enforce_https is true.
weak_endpoint contains v if {
	helpers.no_block(input.resource, "domain_endpoint_options")
	v := {"text": "does not enforce HTTPS (no domain_endpoint_options block)", "location": lib.loc(input.resource)}
}

weak_endpoint contains v if {
	some options in input.resource.domain_endpoint_options
	lib.is_false(options.enforce_https)
	v := {"text": "does not enforce HTTPS (enforce_https = false)", "location": lib.attr_loc(options, "enforce_https")}
}

weak_endpoint contains v if {
	some options in input.resource.domain_endpoint_options
	version := helpers.tls_version(options.tls_security_policy)
	helpers.below_min_tls(version)
	text := sprintf("accepts %s (tls_security_policy = %q), older than %s", [helpers.tls_name(version), options.tls_security_policy, helpers.tls_name(helpers.number(lib.param("min_tls_version")))])
	v := {"text": text, "location": lib.attr_loc(options, "tls_security_policy")}
}

# disabled_block(key) describes the domain's block key when it is missing or disabled.
disabled_block(key) := {v |
	helpers.no_block(input.resource, key)
	v := {"text": sprintf("no %s block", [key]), "location": lib.loc(input.resource)}
} | {v |
	some block in input.resource[key]
	problem := helpers.off(block, "enabled")
	v := {"text": sprintf("%s %s", [key, problem]), "location": lib.attr_loc(block, "enabled")}
}
