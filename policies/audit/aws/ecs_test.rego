package tollgate.audit.aws.ecs_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.ecs
import rego.v1

# resource "aws_ecs_cluster" "apps" {   # line 1
#   name = "apps"                        # line 2
#   setting {                            # line 3
#     name  = NAME                       # line 4
#     value = VALUE                      # line 5
#   }                                    # line 6
# }                                      # line 7
cluster(settings) := fx.doc("aws_ecs_cluster", "apps", fx.block(1, 7, {"name": "apps", "setting": settings}, {"name": 2}))

setting(name, value) := fx.block(3, 6, {"name": name, "value": value}, {"name": 4, "value": 5})

test_tg_aws_254_violation if {
	findings := ecs.deny with input as cluster([])
	fx.found(findings, "TG-AWS-254", fx.span(1, 7), `ECS cluster "apps" does not use Container Insights (no containerInsights setting)`)
	count(findings) == 1
	disabled := ecs.deny with input as cluster([setting("containerInsights", "disabled")])
	fx.found(disabled, "TG-AWS-254", fx.at(5), `ECS cluster "apps" does not use Container Insights (containerInsights = "disabled")`)
	count(disabled) == 1
	no_block := fx.doc("aws_ecs_cluster", "apps", fx.block(1, 3, {"name": "apps"}, {"name": 2}))
	count(ecs.deny) == 1 with input as no_block
}

test_tg_aws_254_compliant if {
	count(ecs.deny) == 0 with input as cluster([setting("containerInsights", "enabled")])
	count(ecs.deny) == 0 with input as cluster([setting("containerInsights", "enhanced")])
	count(ecs.deny) == 0 with input as cluster([setting("containerInsights", fx.unknown)])
	count(ecs.deny) == 0 with input as cluster([setting(fx.unknown, "enabled")])
	unknown_settings := fx.doc("aws_ecs_cluster", "apps", fx.block(1, 3, {"name": "apps", "setting": fx.unknown}, {"name": 2, "setting": 3}))
	count(ecs.deny) == 0 with input as unknown_settings
}
