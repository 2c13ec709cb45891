package tollgate.audit.aws.waf_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.waf
import rego.v1

# resource "aws_wafv2_web_acl" "main" {   # line 1
#   name  = "main"                        # line 2
#   scope = "REGIONAL"                    # line 3
# }                                       # line 4
acl := fx.doc("aws_wafv2_web_acl", "main", fx.block(1, 4, {"name": "main", "scope": "REGIONAL"}, {"name": 2, "scope": 3}))

# resource "aws_wafv2_web_acl_logging_configuration" "main" {             # line 6
#   resource_arn            = aws_wafv2_web_acl.main.arn                  # line 7 (unknown)
#   log_destination_configs = [aws_cloudwatch_log_group.waf.arn]          # line 8 (unknown)
# }                                                                       # line 9
logging := fx.block(6, 9, {"resource_arn": fx.unknown, "log_destination_configs": fx.unknown}, {"resource_arn": 7, "log_destination_configs": 8})

test_tg_aws_186_violation if {
	findings := waf.deny with input as acl
	fx.found(findings, "TG-AWS-186", fx.span(1, 4), `WAF web ACL "main" has no logging (no aws_wafv2_web_acl_logging_configuration refers to it)`)
	count(findings) == 1
}

test_tg_aws_186_compliant if {
	count(waf.deny) == 0 with input as fx.with_related(acl, "aws_wafv2_web_acl_logging_configuration", [logging])
}
