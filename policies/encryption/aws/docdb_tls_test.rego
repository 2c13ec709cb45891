package tollgate.encryption.aws.docdb_tls_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.docdb_tls
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

test_tg_aws_465_violation if {
	findings := docdb_tls.deny with input as group([param("tls", "disabled")])
	fx.found(findings, "TG-AWS-465", fx.at(5), `DocumentDB cluster parameter group "docs" disables TLS (tls = "disabled")`)
	count(findings) == 1
}

test_tg_aws_465_compliant if {
	count(docdb_tls.deny) == 0 with input as group([param("tls", "enabled")])
	count(docdb_tls.deny) == 0 with input as group([])
	count(docdb_tls.deny) == 0 with input as group([param("tls", fx.unknown)])
}
