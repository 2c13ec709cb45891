package tollgate.audit.aws.config_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.config
import rego.v1

# resource "aws_config_configuration_recorder_status" "main" {   # line 1
#   name       = aws_config_configuration_recorder.main.name     # line 2 (unknown)
#   is_enabled = ENABLED                                         # line 3
# }                                                              # line 4
status(enabled) := fx.doc("aws_config_configuration_recorder_status", "main", fx.block(1, 4, {"name": fx.unknown, "is_enabled": enabled}, {"name": 2, "is_enabled": 3}))

test_tg_aws_184_violation if {
	findings := config.deny with input as status(false)
	fx.found(findings, "TG-AWS-184", fx.at(3), `AWS Config recorder status "main" turns recording off (is_enabled = false)`)
	count(findings) == 1
}

test_tg_aws_184_compliant if {
	count(config.deny) == 0 with input as status(true)
	count(config.deny) == 0 with input as status(fx.unknown)
}

# resource "aws_config_configuration_recorder" "main" {   # line 1
#   name     = "main"                                     # line 2
#   role_arn = aws_iam_role.config.arn                    # line 3 (unknown)
#   recording_group {                                     # line 4
#     all_supported  = ALL                                # line 5
#     resource_types = ["AWS::S3::Bucket"]                # line 6
#   }                                                     # line 7
# }                                                       # line 8
recorder(group) := fx.doc("aws_config_configuration_recorder", "main", fx.block(
	1, 8, {
		"name": "main",
		"role_arn": fx.unknown,
		"recording_group": [fx.block(4, 7, group, {"all_supported": 5, "resource_types": 6})],
	},
	{"name": 2, "role_arn": 3},
))

test_tg_aws_187_violation if {
	findings := config.deny with input as recorder({"all_supported": false, "resource_types": ["AWS::S3::Bucket"]})
	fx.found(findings, "TG-AWS-187", fx.at(5), `AWS Config recorder "main" does not record all resource types (recording_group all_supported = false)`)
	count(findings) == 1
}

test_tg_aws_187_compliant if {
	count(config.deny) == 0 with input as recorder({"all_supported": true})
	count(config.deny) == 0 with input as recorder({})
	count(config.deny) == 0 with input as recorder({"all_supported": fx.unknown})
}

# resource "aws_config_configuration_aggregator" "org" {   # line 1
#   name = "org"                                            # line 2
#   organization_aggregation_source {                       # line 3
#     role_arn    = aws_iam_role.config.arn                 # line 4 (unknown)
#     all_regions = ALL                                     # line 5
#     regions     = ["us-east-1"]                           # line 6
#   }                                                       # line 7
# }                                                         # line 8
aggregator(src) := fx.doc("aws_config_configuration_aggregator", "org", fx.block(
	1, 8, {
		"name": "org",
		"organization_aggregation_source": [fx.block(3, 7, object.union({"role_arn": fx.unknown}, src), {"role_arn": 4, "all_regions": 5, "regions": 6})],
	},
	{"name": 2},
))

test_tg_aws_255_violation if {
	findings := config.deny with input as aggregator({"regions": ["us-east-1"]})
	fx.found(findings, "TG-AWS-255", fx.span(3, 7), `AWS Config aggregator "org" does not aggregate all regions (organization_aggregation_source all_regions = false)`)
	count(findings) == 1
	fx.found(config.deny, "TG-AWS-255", fx.at(5), `AWS Config aggregator "org" does not aggregate all regions (organization_aggregation_source all_regions = false)`) with input as aggregator({"all_regions": false})
}

test_tg_aws_255_compliant if {
	count(config.deny) == 0 with input as aggregator({"all_regions": true})
	count(config.deny) == 0 with input as aggregator({"all_regions": fx.unknown})
}
