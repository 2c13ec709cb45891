package tollgate.access.kubernetes.network_selectors

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# rules(spec) is the ingress and egress rules of the policy, with their peers.
rules(spec) := array.concat(
	[{"peers": workload.list(object.get(r, "from", []))} | some r in workload.list(object.get(spec, "ingress", [])); is_object(r)],
	[{"peers": workload.list(object.get(r, "to", []))} | some r in workload.list(object.get(spec, "egress", [])); is_object(r)],
)

selector_peer(spec) if {
	some r in rules(spec)
	some peer in r.peers
	is_object(peer)
	some key in ["podSelector", "namespaceSelector"]
	_ = peer[key]
}

# A list of rules or peers the template does not decide.
undecided(spec) if lib.unknown(spec, "ingress")

undecided(spec) if lib.unknown(spec, "egress")

undecided(spec) if {
	some field in ["ingress", "egress"]
	some r in workload.list(object.get(spec, field, []))
	some key in ["from", "to"]
	lib.unknown(r, key)
}

# METADATA
# title: NetworkPolicy selects neither pods nor namespaces
# description: |
#   The NetworkPolicy has no podSelector, so it applies to every pod of its namespace, and
#   none of its ingress or egress rules names peers by podSelector or namespaceSelector:
#   the traffic it allows is described by IP blocks only, or not at all (every peer), and
#   pod IP addresses change with every restart, so what it admits inside the cluster is
#   not tied to which workloads talk. A policy without rules, which denies all traffic of
#   its types, is not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
# - https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
# custom:
#   id: TG-K8S-146
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Set spec.podSelector to the pods the policy is for (podSelector {} for every pod, written explicitly) and name the allowed peers with podSelector or namespaceSelector; keep ipBlock for addresses outside the cluster.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
deny contains finding if {
	input.type == "NetworkPolicy"
	spec := input.resource.spec
	is_object(spec)
	lib.missing(spec, "podSelector")
	count(rules(spec)) > 0
	not selector_peer(spec)
	not undecided(spec)
	msg := sprintf("NetworkPolicy %q has no podSelector and its rules name no pods or namespaces: it admits traffic by IP block or from everywhere, for every pod of its namespace", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(spec), msg)
}
