package tollgate.access.kubernetes.network_selectors_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.network_selectors
import rego.v1

#  6 spec:
#  7   ingress:
#  8     - from:
#  9         - PEER
policy(spec) := fx.manifest("networking.k8s.io/v1", "NetworkPolicy", "office", {"spec": object.union(spec, {"__loc": fx.L(6, 12, {})})}, {}, 12)

ip_block := {"ipBlock": {"cidr": "203.0.113.0/24", "__loc": fx.L(9, 10, {"cidr": 10})}, "__loc": fx.L(9, 10, {})}

pods := {"podSelector": {"matchLabels": {"app": "web", "__loc": fx.L(10, 10, {"app": 10})}, "__loc": fx.L(9, 10, {})}, "__loc": fx.L(9, 10, {})}

ingress(peer) := {"ingress": [{"from": [peer], "__loc": fx.L(8, 10, {"from": [8, 10]})}]}

test_tg_k8s_146_violation if {
	f := fx.only(network_selectors.deny, "TG-K8S-146") with input as policy(ingress(ip_block))
	f.location == fx.at(6, 12)
	f.message == `NetworkPolicy "office" has no podSelector and its rules name no pods or namespaces: it admits traffic by IP block or from everywhere, for every pod of its namespace`

	# An egress rule to everywhere.
	count(fx.ids(network_selectors.deny, "TG-K8S-146")) == 1 with input as policy({"egress": [{"__loc": fx.L(8, 8, {})}]})
}

test_tg_k8s_146_compliant if {
	count(fx.ids(network_selectors.deny, "TG-K8S-146")) == 0 with input as policy(ingress(pods))
	count(fx.ids(network_selectors.deny, "TG-K8S-146")) == 0 with input as policy(object.union(ingress(ip_block), {"podSelector": {"__loc": fx.L(7, 7, {})}}))

	# A policy without rules denies all traffic of its types.
	count(fx.ids(network_selectors.deny, "TG-K8S-146")) == 0 with input as policy({"policyTypes": ["Ingress"]})

	# Rules the template does not decide.
	undecided := json.patch(policy({"egress": [{"__loc": fx.L(8, 8, {})}]}), [{"op": "add", "path": "/resource/spec/__loc/attrs/ingress", "value": {"start_line": 7, "end_line": 7, "unknown": true}}])
	count(fx.ids(network_selectors.deny, "TG-K8S-146")) == 0 with input as undecided
}
