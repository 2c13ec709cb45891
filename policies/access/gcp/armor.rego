package tollgate.access.gcp.armor

import data.tollgate.lib
import rego.v1

# rules are the inline rule blocks of the policy and the google_compute_security_policy_rule
# resources of the configuration that refer to it.
rules := array.concat(
	object.get(input.resource, "rule", []),
	object.get(input, ["related", "google_compute_security_policy_rule"], []),
)

# METADATA
# title: Cloud Armor policy does not block Log4Shell exploits
# description: |
#   A google_compute_security_policy of type CLOUD_ARMOR (the default) has no enforced
#   rule (not in preview, action other than allow) whose expression evaluates the
#   preconfigured cve-canary rule set: requests carrying Log4j JNDI lookups
#   (CVE-2021-44228, CVE-2021-45046) reach the backends behind it. Not reported when a
#   rule's expression, action or preview setting is unknown.
# related_resources:
# - https://cloud.google.com/armor/docs/waf-rules#cves_and_other_vulnerabilities
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_security_policy#rule
# custom:
#   id: TG-GCP-147
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Add a rule { action = "deny(403)", priority = 1000, match { expr { expression = "evaluatePreconfiguredWaf('cve-canary')" } } } (without preview).
#   frameworks:
#     nist-800-53: ["SC-7", "SI-3"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["6.4.2"]
deny contains finding if {
	input.type == "google_compute_security_policy"
	r := input.resource
	object.get(r, "type", "CLOUD_ARMOR") == "CLOUD_ARMOR"
	not lib.unknown(r, "type")
	not lib.unknown(r, "rule")
	not input.related_unknown
	not blocks_log4j
	not undecided
	msg := sprintf("Cloud Armor policy %q has no enforced rule for the cve-canary (Log4j) rule set", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

canary := `evaluatePreconfigured(Waf|Expr)\(\s*['"]cve-canary['"]`

expressions(rule) := {e.expression |
	some m in rule.match
	some e in m.expr
	is_string(e.expression)
}

log4j_rule(rule) if {
	some e in expressions(rule)
	regex.match(canary, e)
}

blocks_log4j if {
	some rule in rules
	log4j_rule(rule)
	not previewed(rule)
	is_string(rule.action)
	rule.action != "allow"
}

# undecided: a rule whose effect cannot be known statically.
undecided if {
	some rule in rules
	some key in ["action", "preview", "match"]
	lib.unknown(rule, key)
}

undecided if {
	some rule in rules
	some m in rule.match
	some e in m.expr
	lib.unknown(e, "expression")
}

undecided if {
	some rule in rules
	log4j_rule(rule)
	not previewed(rule)
	lib.unknown(rule, "action")
}

previewed(rule) if lib.is_true(rule.preview)
