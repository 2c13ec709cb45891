package tollgate.access.kubernetes.network

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# METADATA
# title: Service is exposed to the internet by a load balancer
# description: |
#   A Service of type LoadBalancer asks the cloud provider for a load balancer with a public
#   address, open to every source: nothing restricts it to internal clients. Services marked
#   internal by their cloud's annotation (aws-load-balancer-scheme internal,
#   azure-load-balancer-internal, networking.gke.io/load-balancer-type Internal...) or limited
#   by loadBalancerSourceRanges that do not include 0.0.0.0/0 or ::/0 are not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
# - https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/
# custom:
#   id: TG-K8S-044
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Expose HTTP services through an Ingress or Gateway, make the load balancer internal with your cloud's annotation, or restrict it with loadBalancerSourceRanges.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-3"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "Service"
	svc := input.resource
	workload.external_load_balancer(svc)
	msg := sprintf("Service %q is exposed to the internet by a load balancer (type LoadBalancer, neither internal nor limited by loadBalancerSourceRanges)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(svc.spec, "type"), msg)
}

# METADATA
# title: Service opens a NodePort
# description: |
#   A Service of type NodePort opens its port on every node of the cluster, on each node's
#   addresses, bypassing the ingress layer; wherever nodes are reachable (public node IPs, a
#   flat network) the service is too.
# related_resources:
# - https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport
# custom:
#   id: TG-K8S-045
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Use type ClusterIP and expose the service through an Ingress, a Gateway or an internal load balancer.
#   frameworks:
#     nist-800-53: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "Service"
	svc := input.resource
	svc.spec.type == "NodePort"
	msg := sprintf("Service %q opens a port on every node (type NodePort)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(svc.spec, "type"), msg)
}

# METADATA
# title: Service sets externalIPs
# description: |
#   spec.externalIPs makes every node accept traffic for those addresses and route it to the
#   service. Whoever can create such a Service can intercept traffic meant for any IP address,
#   inside or outside the cluster (CVE-2020-8554).
# related_resources:
# - https://kubernetes.io/docs/concepts/services-networking/service/#external-ips
# - https://github.com/kubernetes/kubernetes/issues/97076
# custom:
#   id: TG-K8S-046
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove externalIPs and use a LoadBalancer or an Ingress; enable the DenyServiceExternalIPs admission plugin.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.3"]
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "Service"
	svc := input.resource
	ips := [ip | some ip in workload.list(svc.spec.externalIPs); is_string(ip)]
	count(ips) > 0
	msg := sprintf("Service %q sets externalIPs %s", [input.name, concat(", ", ips)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(svc.spec, "externalIPs"), msg)
}

# all_sources(rule) holds for an ingress rule that admits every source: no from (or an
# empty one), or an ipBlock of the whole address space without exceptions.
all_sources(rule) if count(workload.list(object.get(rule, "from", []))) == 0

all_sources(rule) if {
	some peer in workload.list(rule.from)
	block := peer.ipBlock
	is_object(block)
	block.cidr in {"0.0.0.0/0", "::/0"}
	count(workload.list(object.get(block, "except", []))) == 0
}

all_ports(rule) if count(workload.list(object.get(rule, "ports", []))) == 0

# selects_all(np) holds when the policy's podSelector is empty: it applies to every pod
# of its namespace.
selects_all(np) if {
	sel := object.get(np.spec, "podSelector", {})
	is_object(sel)
	count(object.remove(match_labels(sel), ["__loc"])) == 0
	count(workload.list(object.get(sel, "matchExpressions", []))) == 0
}

match_labels(sel) := m if {
	m := sel.matchLabels
	is_object(m)
} else := {}

targets(np) := "every pod of its namespace" if selects_all(np)

else := "the selected pods"

# METADATA
# title: NetworkPolicy allows all ingress traffic
# description: |
#   An ingress rule of the NetworkPolicy has no from (or allows 0.0.0.0/0 or ::/0) and no
#   ports: it admits every source, inside or outside the cluster, on every port, which
#   cancels the isolation the policy, and every other policy selecting the same pods, provide.
# related_resources:
# - https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic
# custom:
#   id: TG-K8S-047
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: List the allowed sources in from (podSelector, namespaceSelector, or specific ipBlocks) and the allowed ports.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "NetworkPolicy"
	np := input.resource
	is_object(np.spec)
	some rule in workload.list(np.spec.ingress)
	is_object(rule)
	all_sources(rule)
	all_ports(rule)
	msg := sprintf("NetworkPolicy %q allows all ingress traffic, from any source on any port, to %s", [input.name, targets(np)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}
