package tollgate.audit.aws.docdb_audit_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.docdb_audit
import rego.v1

# resource "aws_docdb_cluster_parameter_group" "docs" {   # line 1
#   family = "docdb5.0"                                    # line 2
#   parameter {                                            # line 3
#     name  = NAME                                         # line 4
#     value = VALUE                                        # line 5
#   }                                                      # line 6
# }                                                        # line 7
group(params) := fx.doc("aws_docdb_cluster_parameter_group", "docs", fx.block(1, 7, {"family": "docdb5.0", "parameter": params}, {"family": 2}))

param(name, value) := fx.block(3, 6, {"name": name, "value": value}, {"name": 4, "value": 5})

test_tg_aws_466_violation if {
	findings := docdb_audit.deny with input as group([param("audit_logs", "disabled")])
	fx.found(findings, "TG-AWS-466", fx.at(5), `DocumentDB cluster parameter group "docs" does not enable audit logs (audit_logs = "disabled")`)
	count(findings) == 1
}

test_tg_aws_466_unset if {
	findings := docdb_audit.deny with input as group([param("tls", "enabled")])
	fx.found(findings, "TG-AWS-466", fx.span(1, 7), `DocumentDB cluster parameter group "docs" does not enable audit logs (audit_logs is not set, default disabled)`)
	count(findings) == 1
}

test_tg_aws_466_compliant if {
	count(docdb_audit.deny) == 0 with input as group([param("audit_logs", "all")])
	count(docdb_audit.deny) == 0 with input as group([param("audit_logs", "ddl,dml")])
	count(docdb_audit.deny) == 0 with input as group([param("audit_logs", fx.unknown)])
	count(docdb_audit.deny) == 0 with input as group([param(fx.unknown, "all")])
}
