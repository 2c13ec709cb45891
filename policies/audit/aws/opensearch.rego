package tollgate.audit.aws.opensearch

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_opensearch_domain": "OpenSearch domain",
	"aws_elasticsearch_domain": "Elasticsearch domain",
}

# METADATA
# title: OpenSearch audit logs are not published
# description: |
#   An aws_opensearch_domain or aws_elasticsearch_domain has no enabled
#   log_publishing_options block with log_type = "AUDIT_LOGS": authentication failures,
#   and which user read or changed which index, are not recorded. Audit logs require
#   fine-grained access control (advanced_security_options). Domains whose log
#   publishing is not known statically are not reported.
# related_resources:
# - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-5
# custom:
#   id: TG-AWS-182
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = aws_cloudwatch_log_group.<name>.arn } and enable audit logging in the domain's security plugin.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	r := input.resource
	not lib.unknown(r, "log_publishing_options")
	not publishes_audit_logs(r)
	msg := sprintf("%s %q does not publish audit logs (no log_publishing_options with log_type AUDIT_LOGS)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

publishes_audit_logs(r) if {
	some options in r.log_publishing_options
	audit_logs(options)
	not disabled(options)
}

disabled(options) if lib.is_false(options.enabled)

# A block whose log_type is not known may be the audit log.
audit_logs(options) if options.log_type == "AUDIT_LOGS"

audit_logs(options) if lib.unknown(options, "log_type")
