package tollgate.encryption.kubernetes.ingress_test

import data.tollgate.encryption.kubernetes.ingress
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

loc(start, end, attrs) := {"path": "k8s/ingress.yaml", "start_line": start, "end_line": end, "attrs": attrs}

line(n) := {"start_line": n, "end_line": n}

rules := [{
	"host": "shop.example.com",
	"http": {
		"paths": [{
			"path": "/",
			"pathType": "Prefix",
			"backend": {"service": {"name": "web", "port": {"number": 80, "__loc": loc(19, 19, {"number": line(19)})}, "__loc": loc(17, 19, {"name": line(17)})}, "__loc": loc(16, 19, {})},
			"__loc": loc(13, 19, {"path": line(13), "pathType": line(14)}),
		}],
		"__loc": loc(12, 19, {}),
	},
	"__loc": loc(10, 19, {"host": line(10)}),
}]

#  1 apiVersion: networking.k8s.io/v1
#  2 kind: Ingress
#  3 metadata:
#  4   name: shop
#  5   namespace: web
#  6 spec:
#  7   ingressClassName: nginx
#  8   (tls: ... lines 8-9 when present)
#  9
# 10   rules:
#    ...
# 19                   number: 80
ingress_doc(spec_extra, spec_attrs) := {
	"format": "kubernetes",
	"type": "Ingress",
	"name": "shop",
	"address": "networking.k8s.io/v1/Ingress/web/shop",
	"path": "k8s/ingress.yaml",
	"resource": {
		"apiVersion": "networking.k8s.io/v1",
		"kind": "Ingress",
		"metadata": {"name": "shop", "namespace": "web", "__loc": loc(4, 5, {"name": line(4), "namespace": line(5)})},
		"spec": object.union(
			{"ingressClassName": "nginx", "rules": rules},
			object.union(spec_extra, {"__loc": loc(7, 19, object.union({"ingressClassName": line(7)}, spec_attrs))}),
		),
		"__loc": loc(1, 19, {"apiVersion": line(1), "kind": line(2)}),
	},
}

tls := [{
	"hosts": ["shop.example.com"],
	"secretName": "shop-tls",
	"__loc": loc(9, 9, {"hosts": line(9), "secretName": line(9)}),
}]

test_tg_k8s_010_violation if {
	findings := ingress.deny with input as ingress_doc({}, {})
	some f in findings
	f.rule_id == "TG-K8S-010"
	f.location == {"path": "k8s/ingress.yaml", "start_line": 7, "end_line": 19}
	f.message == `Ingress "shop" has no TLS configuration (spec.tls)`
}

test_tg_k8s_010_compliant if {
	findings := ingress.deny with input as ingress_doc({"tls": tls}, {})
	count(ids(findings, "TG-K8S-010")) == 0
}

test_tg_k8s_010_empty_tls_points_at_it if {
	findings := ingress.deny with input as ingress_doc({"tls": []}, {"tls": line(8)})
	some f in findings
	f.rule_id == "TG-K8S-010"
	f.location == {"path": "k8s/ingress.yaml", "start_line": 8, "end_line": 8}
}

test_tg_k8s_010_other_kinds_ignored if {
	doc := json.patch(ingress_doc({}, {}), [{"op": "replace", "path": "/type", "value": "Service"}])
	count(ids(ingress.deny, "TG-K8S-010")) == 0 with input as doc
}
