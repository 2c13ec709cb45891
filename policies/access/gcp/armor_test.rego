package tollgate.access.gcp.armor_test

import data.tollgate.access.gcp.armor
import data.tollgate.access.gcp.fixtures_test as fx
import rego.v1

path := "edge/armor.tf"

# resource "google_compute_security_policy" "waf" {                  # line 1
#   name = "waf"                                                    # line 2
#   rule {                                                          # line 3
#     action   = ACTION                                             # line 4
#     priority = 1000                                               # line 5
#     preview  = PREVIEW                                            # line 6
#     match {                                                       # line 7
#       expr {                                                      # line 8
#         expression = "evaluatePreconfiguredWaf('cve-canary')"     # line 9
#       }                                                           # line 10
#     }                                                             # line 11
#   }                                                               # line 12
# }                                                                 # line 13
rule(fields, expression) := fx.block(path, 3, 12, object.union({"priority": 1000, "match": [fx.block(path, 7, 11, {"expr": [fx.block(path, 8, 10, {"expression": expression}, {"expression": 9})]}, {})]}, fields), {"action": 4, "priority": 5, "preview": 6})

policy(rules) := fx.resource("google_compute_security_policy", "waf", fx.block(path, 1, 13, {"name": "waf", "rule": rules}, {"name": 2}))

log4j := "evaluatePreconfiguredWaf('cve-canary')"

test_tg_gcp_147_violation if {
	findings := armor.deny with input as policy([rule({"action": "deny(403)", "preview": true}, log4j)])
	some f in findings
	f.rule_id == "TG-GCP-147"
	f.location == fx.span(path, 1, 13)
	f.message == `Cloud Armor policy "waf" has no enforced rule for the cve-canary (Log4j) rule set`
}

test_tg_gcp_147_other_rules_only if {
	count(armor.deny) == 1 with input as policy([rule({"action": "deny(403)"}, "evaluatePreconfiguredWaf('sqli-v33-stable')")])
}

test_tg_gcp_147_compliant if {
	count(armor.deny) == 0 with input as policy([rule({"action": "deny(403)"}, log4j)])
}

test_tg_gcp_147_separate_rule_resource if {
	separate := fx.block("edge/rules.tf", 1, 10, {"action": "deny(403)", "match": [{"__loc": {"path": "edge/rules.tf", "start_line": 3, "end_line": 7}, "expr": [{"__loc": {"path": "edge/rules.tf", "start_line": 4, "end_line": 6}, "expression": "evaluatePreconfiguredExpr('cve-canary')"}]}]}, {})
	count(armor.deny) == 0 with input as fx.related(policy([]), {"google_compute_security_policy_rule": [separate]})
}

test_tg_gcp_147_unknown_action if {
	count(armor.deny) == 0 with input as policy([fx.unknown(rule({"action": "deny(403)"}, "x"), "action", 4)])
}
