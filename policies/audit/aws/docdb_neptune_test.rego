package tollgate.audit.aws.docdb_neptune_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.docdb_neptune
import rego.v1

# resource "aws_docdb_cluster" "catalog" {                  # line 1
#   cluster_identifier              = "catalog"             # line 2
#   enabled_cloudwatch_logs_exports = EXPORTS               # line 3
# }                                                         # line 4
docdb(attrs) := fx.doc("aws_docdb_cluster", "catalog", fx.block(1, 4, object.union({"cluster_identifier": "catalog"}, attrs), {"cluster_identifier": 2, "enabled_cloudwatch_logs_exports": 3}))

test_tg_aws_180_violation if {
	findings := docdb_neptune.deny with input as docdb({"enabled_cloudwatch_logs_exports": ["profiler"]})
	fx.found(findings, "TG-AWS-180", fx.at(3), `DocumentDB cluster "catalog" does not export audit logs to CloudWatch Logs (enabled_cloudwatch_logs_exports has no "audit")`)
	count(findings) == 1
}

test_tg_aws_180_compliant if {
	count(docdb_neptune.deny) == 0 with input as docdb({"enabled_cloudwatch_logs_exports": ["audit", "profiler"]})
	count(docdb_neptune.deny) == 0 with input as docdb({"enabled_cloudwatch_logs_exports": fx.unknown})
}

# resource "aws_neptune_cluster" "graph" {                 # line 1
#   cluster_identifier             = "graph"               # line 2
#   enable_cloudwatch_logs_exports = EXPORTS               # line 3
# }                                                        # line 4
test_tg_aws_180_neptune_missing_fires if {
	d := fx.doc("aws_neptune_cluster", "graph", fx.block(1, 4, {"cluster_identifier": "graph"}, {"cluster_identifier": 2, "enable_cloudwatch_logs_exports": 3}))
	fx.found(docdb_neptune.deny, "TG-AWS-180", fx.span(1, 4), `Neptune cluster "graph" does not export audit logs to CloudWatch Logs (enable_cloudwatch_logs_exports has no "audit")`) with input as d
	exported := fx.doc("aws_neptune_cluster", "graph", fx.block(1, 4, {"enable_cloudwatch_logs_exports": ["audit"]}, {"enable_cloudwatch_logs_exports": 3}))
	count(docdb_neptune.deny) == 0 with input as exported
}
