# Rules that conclude from the absence of a related resource stay silent on plan
# documents, whose input.related is empty because what refers to a resource is unknown
# (input.related_unknown).
package tollgate.access.gcp.related_unknown_test

import data.tollgate.access.gcp.armor
import data.tollgate.access.gcp.fixtures_test as fx
import rego.v1

test_tg_gcp_147_related_unknown if {
	# The policy's rules may be separate google_compute_security_policy_rule resources.
	policy := fx.resource("google_compute_security_policy", "waf", fx.block("plan/armor.tf", 1, 4, {"name": "waf"}, {"name": 2}))
	count(fx.ids(armor.deny, "TG-GCP-147")) == 1 with input as policy
	count(fx.ids(armor.deny, "TG-GCP-147")) == 0 with input as object.union(policy, {"related_unknown": true})
}
