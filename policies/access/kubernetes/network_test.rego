package tollgate.access.kubernetes.network_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.network
import rego.v1

#  1 apiVersion: v1
#  2 kind: Service
#  3 metadata:
#  4   name: web
#  5   namespace: shop
#  6 spec:
#  7   type: TYPE
#  8   externalIPs: [203.0.113.10]     (when given)
#  9   ports:
# 10     - port: 80
service(type, extra) := fx.manifest(
	"v1", "Service", "web", {"spec": object.union(
		{
			"type": type,
			"ports": [{"port": 80, "__loc": fx.L(10, 10, {"port": 10})}],
		},
		object.union(extra, {"__loc": fx.L(6, 10, {"type": 7, "externalIPs": 8, "loadBalancerSourceRanges": 8, "ports": [9, 10]})}),
	)},
	{}, 10,
)

# annotated(d, annotations) is d with metadata.annotations (lines 6-7 of a longer manifest).
annotated(d, annotations) := json.patch(d, [{"op": "add", "path": "/resource/metadata/annotations", "value": object.union(annotations, {"__loc": fx.L(6, 7, {})})}])

test_tg_k8s_044_violation if {
	f := fx.only(network.deny, "TG-K8S-044") with input as service("LoadBalancer", {})
	f.location == fx.at(7, 7)
	f.message == `Service "web" is exposed to the internet by a load balancer (type LoadBalancer, neither internal nor limited by loadBalancerSourceRanges)`
}

test_tg_k8s_044_compliant if {
	count(fx.ids(network.deny, "TG-K8S-044")) == 0 with input as service("ClusterIP", {})
}

test_tg_k8s_044_internal_annotations_are_compliant if {
	every a in [
		{"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"},
		{"service.beta.kubernetes.io/aws-load-balancer-internal": "true"},
		{"service.beta.kubernetes.io/aws-load-balancer-internal": "0.0.0.0/0"},
		{"service.beta.kubernetes.io/azure-load-balancer-internal": "true"},
		{"networking.gke.io/load-balancer-type": "Internal"},
		{"cloud.google.com/load-balancer-type": "Internal"},
		{"service.beta.kubernetes.io/oci-load-balancer-internal": "true"},
	] {
		count(fx.ids(network.deny, "TG-K8S-044")) == 0 with input as annotated(service("LoadBalancer", {}), a)
	}
}

test_tg_k8s_044_internal_false_still_fires if {
	every a in [
		{"service.beta.kubernetes.io/aws-load-balancer-internal": "false"},
		{"service.beta.kubernetes.io/azure-load-balancer-internal": "false"},
		{"service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing"},
	] {
		count(fx.ids(network.deny, "TG-K8S-044")) == 1 with input as annotated(service("LoadBalancer", {}), a)
	}
}

test_tg_k8s_044_source_ranges if {
	count(fx.ids(network.deny, "TG-K8S-044")) == 0 with input as service("LoadBalancer", {"loadBalancerSourceRanges": ["10.0.0.0/8", "192.0.2.0/24"]})
	count(fx.ids(network.deny, "TG-K8S-044")) == 1 with input as service("LoadBalancer", {"loadBalancerSourceRanges": ["10.0.0.0/8", "0.0.0.0/0"]})
	restricted := annotated(service("LoadBalancer", {}), {"service.beta.kubernetes.io/load-balancer-source-ranges": "10.0.0.0/8, 192.0.2.0/24"})
	count(fx.ids(network.deny, "TG-K8S-044")) == 0 with input as restricted
}

test_tg_k8s_045_violation if {
	f := fx.only(network.deny, "TG-K8S-045") with input as service("NodePort", {})
	f.location == fx.at(7, 7)
	f.message == `Service "web" opens a port on every node (type NodePort)`
}

test_tg_k8s_045_compliant if {
	count(fx.ids(network.deny, "TG-K8S-045")) == 0 with input as service("ClusterIP", {})
	count(fx.ids(network.deny, "TG-K8S-045")) == 0 with input as service("LoadBalancer", {})
}

test_tg_k8s_046_violation if {
	f := fx.only(network.deny, "TG-K8S-046") with input as service("ClusterIP", {"externalIPs": ["203.0.113.10"]})
	f.location == fx.at(8, 8)
	f.message == `Service "web" sets externalIPs 203.0.113.10`
}

test_tg_k8s_046_compliant if {
	count(fx.ids(network.deny, "TG-K8S-046")) == 0 with input as service("ClusterIP", {"externalIPs": []})
}

#  1 apiVersion: networking.k8s.io/v1
#  2 kind: NetworkPolicy
#  3 metadata:
#  4   name: allow
#  5   namespace: shop
#  6 spec:
#  7   podSelector: SELECTOR
#  8   policyTypes: [Ingress]
#  9   ingress:
# 10     - RULE
policy(selector, rules) := fx.manifest(
	"networking.k8s.io/v1", "NetworkPolicy", "allow", {"spec": {
		"podSelector": object.union(selector, {"__loc": fx.L(7, 7, {})}),
		"policyTypes": ["Ingress"],
		"ingress": rules,
		"__loc": fx.L(6, 12, {"policyTypes": 8, "ingress": [9, 12]}),
	}},
	{}, 12,
)

# 10     - {}
allow_all := {"__loc": fx.L(10, 10, {})}

# 10     - from:
# 11         - podSelector: {matchLabels: {app: front}}
# 12       ports: [{port: 8080}]
from_front := {
	"from": [{"podSelector": {"matchLabels": {"app": "front", "__loc": fx.L(11, 11, {"app": 11})}, "__loc": fx.L(11, 11, {})}, "__loc": fx.L(11, 11, {})}],
	"ports": [{"port": 8080, "__loc": fx.L(12, 12, {"port": 12})}],
	"__loc": fx.L(10, 12, {"from": 10, "ports": 12}),
}

# 10     - from: [{ipBlock: {cidr: CIDR}}]
from_cidr(cidr, except) := {
	"from": [{"ipBlock": {"cidr": cidr, "except": except, "__loc": fx.L(10, 10, {"cidr": 10, "except": 10})}, "__loc": fx.L(10, 10, {})}],
	"__loc": fx.L(10, 10, {"from": 10}),
}

test_tg_k8s_047_violation if {
	f := fx.only(network.deny, "TG-K8S-047") with input as policy({}, [allow_all])
	f.location == fx.at(10, 10)
	f.message == `NetworkPolicy "allow" allows all ingress traffic, from any source on any port, to every pod of its namespace`
}

test_tg_k8s_047_compliant if {
	count(fx.ids(network.deny, "TG-K8S-047")) == 0 with input as policy({}, [from_front])
}

test_tg_k8s_047_selected_pods if {
	selector := {"matchLabels": {"app": "web", "__loc": fx.L(7, 7, {"app": 7})}}
	f := fx.only(network.deny, "TG-K8S-047") with input as policy(selector, [allow_all])
	f.message == `NetworkPolicy "allow" allows all ingress traffic, from any source on any port, to the selected pods`
}

test_tg_k8s_047_whole_address_space if {
	count(fx.ids(network.deny, "TG-K8S-047")) == 1 with input as policy({}, [from_cidr("0.0.0.0/0", [])])
	count(fx.ids(network.deny, "TG-K8S-047")) == 0 with input as policy({}, [from_cidr("0.0.0.0/0", ["10.0.0.0/8"])])
	count(fx.ids(network.deny, "TG-K8S-047")) == 0 with input as policy({}, [from_cidr("10.0.0.0/8", [])])
}

test_tg_k8s_047_deny_all_is_compliant if {
	count(fx.ids(network.deny, "TG-K8S-047")) == 0 with input as policy({}, [])
}
