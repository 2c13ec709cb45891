package tollgate.encryption.kubernetes.ingress_http_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.ingress_http
import rego.v1

#  1 apiVersion: networking.k8s.io/v1
#  2 kind: Ingress
#  3 metadata:
#  4   name: shop
#  5   namespace: shop
#  6   annotations:
#  7     KEY: VALUE
#  8 spec:
#  9   tls:
# 10     - hosts: [shop.example.com]
# 11       secretName: shop-tls
# 12   rules:
# 13     - host: shop.example.com
ingress(annotations, tls) := json.patch(
	fx.manifest(
		"networking.k8s.io/v1", "Ingress", "shop", {"spec": {
			"tls": tls,
			"rules": [{"host": "shop.example.com", "__loc": fx.L(13, 13, {"host": 13})}],
			"__loc": fx.L(8, 13, {"tls": [9, 11], "rules": [12, 13]}),
		}},
		{}, 13,
	),
	[{"op": "add", "path": "/resource/metadata/annotations", "value": object.union(annotations, {"__loc": fx.L(6, 7, {k: 7 | some k, _ in annotations})})}],
)

tls := [{"hosts": ["shop.example.com"], "secretName": "shop-tls", "__loc": fx.L(10, 11, {"hosts": 10, "secretName": 11})}]

test_tg_k8s_059_violation if {
	f := fx.only(ingress_http.deny, "TG-K8S-059") with input as ingress({"nginx.ingress.kubernetes.io/ssl-redirect": "false"}, tls)
	f.location == fx.at(7, 7)
	f.message == `Ingress "shop" serves plain HTTP without redirecting to HTTPS (nginx.ingress.kubernetes.io/ssl-redirect: "false")`
}

test_tg_k8s_059_compliant if {
	count(fx.ids(ingress_http.deny, "TG-K8S-059")) == 0 with input as ingress({"nginx.ingress.kubernetes.io/ssl-redirect": "true"}, tls)
	count(fx.ids(ingress_http.deny, "TG-K8S-059")) == 0 with input as ingress({"kubernetes.io/ingress.allow-http": "false"}, tls)
}

test_tg_k8s_059_without_tls_is_left_to_tg_k8s_010 if {
	count(ingress_http.deny) == 0 with input as ingress({"nginx.ingress.kubernetes.io/ssl-redirect": "false"}, [])
}

test_tg_k8s_059_gke_allow_http if {
	f := fx.only(ingress_http.deny, "TG-K8S-059") with input as ingress({"kubernetes.io/ingress.allow-http": "True"}, tls)
	f.message == `Ingress "shop" serves plain HTTP without redirecting to HTTPS (kubernetes.io/ingress.allow-http: "True")`
}

test_tg_k8s_059_alb_listeners if {
	key := "alb.ingress.kubernetes.io/listen-ports"
	f := fx.only(ingress_http.deny, "TG-K8S-059") with input as ingress({key: `[{"HTTP": 80}, {"HTTPS": 443}]`}, [])
	f.location == fx.at(7, 7)
	f.message == `Ingress "shop" serves plain HTTP without redirecting to HTTPS (alb.ingress.kubernetes.io/listen-ports opens an HTTP listener and alb.ingress.kubernetes.io/ssl-redirect is not set)`
	redirected := {key: `[{"HTTP": 80}, {"HTTPS": 443}]`, "alb.ingress.kubernetes.io/ssl-redirect": "443"}
	count(ingress_http.deny) == 0 with input as ingress(redirected, [])
	count(ingress_http.deny) == 0 with input as ingress({key: `[{"HTTPS": 443}]`}, [])
	count(ingress_http.deny) == 0 with input as ingress({key: `not json`}, [])
}
