package tollgate.audit.aws.redshift_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.redshift
import rego.v1

# resource "aws_redshift_cluster" "dwh" {      # line 1
#   cluster_identifier = "dwh"                 # line 2
#   logging {                                  # line 3
#     enable      = ENABLE                     # line 4
#     bucket_name = "acme-redshift-logs"       # line 5
#   }                                          # line 6
# }                                            # line 7
cluster(logging) := fx.doc("aws_redshift_cluster", "dwh", fx.block(1, 7, object.union({"cluster_identifier": "dwh"}, logging), {"cluster_identifier": 2}))

logging(attrs) := {"logging": [fx.block(3, 6, object.union({"bucket_name": "acme-redshift-logs"}, attrs), {"enable": 4, "bucket_name": 5})]}

# resource "aws_redshift_logging" "dwh" {                      # line 10
#   cluster_identifier   = aws_redshift_cluster.dwh.id         # line 11 (unknown)
#   log_destination_type = "cloudwatch"                        # line 12
# }                                                            # line 13
logging_resource := fx.block(10, 13, {"cluster_identifier": fx.unknown, "log_destination_type": "cloudwatch"}, {"cluster_identifier": 11, "log_destination_type": 12})

test_tg_aws_181_violation if {
	findings := redshift.deny with input as cluster({})
	fx.found(findings, "TG-AWS-181", fx.span(1, 7), `Redshift cluster "dwh" does not keep audit logs (no aws_redshift_logging refers to it)`)
	count(findings) == 1
}

test_tg_aws_181_compliant if {
	count(redshift.deny) == 0 with input as fx.with_related(cluster({}), "aws_redshift_logging", [logging_resource])
	count(redshift.deny) == 0 with input as cluster(logging({"enable": true}))
	count(redshift.deny) == 0 with input as cluster(logging({"enable": fx.unknown}))
}

test_tg_aws_181_inline_block_disabled if {
	fx.found(redshift.deny, "TG-AWS-181", fx.at(4), `Redshift cluster "dwh" does not keep audit logs (logging enable = false)`) with input as cluster(logging({"enable": false}))
}
