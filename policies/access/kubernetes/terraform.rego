package tollgate.access.kubernetes.terraform

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# Addresses that stand for every IPv4 or IPv6 address.
any_address := {"0.0.0.0/0", "::/0", "0000:0000:0000:0000:0000:0000:0000:0000/0"}

# open_blocks contains [direction, ip_block] for each ip_block of the Terraform
# kubernetes_network_policy's ingress (from) and egress (to) rules whose cidr covers every
# address. A cidr that is not known statically is absent, and not reported.
open_blocks contains ["ingress from", b] if {
	some spec in workload.list(input.resource.spec)
	some rule in workload.list(spec.ingress)
	some peer in workload.list(rule.from)
	some b in workload.list(peer.ip_block)
	b.cidr in any_address
}

open_blocks contains ["egress to", b] if {
	some spec in workload.list(input.resource.spec)
	some rule in workload.list(spec.egress)
	some peer in workload.list(rule.to)
	some b in workload.list(peer.ip_block)
	b.cidr in any_address
}

# METADATA
# title: Terraform network policy allows any IP address
# description: |
#   A kubernetes_network_policy (or kubernetes_network_policy_v1) resource of the Terraform
#   Kubernetes provider has an ingress rule from, or an egress rule to, an ip_block whose
#   cidr is 0.0.0.0/0 or ::/0: the selected pods accept traffic from the whole internet, or
#   can send data to any address, which defeats the isolation the policy is there for.
#   NetworkPolicy manifests are judged by TG-K8S-047.
# related_resources:
# - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/network_policy_v1
# - https://kubernetes.io/docs/concepts/services-networking/network-policies/
# custom:
#   id: TG-K8S-133
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Replace 0.0.0.0/0 with the address ranges the pods must reach or be reached from, or with pod and namespace selectors for traffic inside the cluster.
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1", "1.3.2"]
deny contains finding if {
	input.type in {"kubernetes_network_policy", "kubernetes_network_policy_v1"}
	some [direction, b] in open_blocks
	msg := sprintf("%s.%s allows %s any IP address (ip_block cidr %s)", [input.type, input.name, direction, b.cidr])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(b, "cidr"), msg)
}
