package tollgate.access.kubernetes.ingress_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.ingress
import rego.v1

# ingress_doc(annotations) is Ingress "web" whose annotations are on lines 6.. (one a line):
#  3 metadata:
#  4   name: web
#  5   annotations:
#  6     KEY: VALUE
ingress_doc(annotations) := fx.doc("Ingress", "web", {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {
		"name": "web",
		"annotations": object.union(annotations, {"__loc": fx.L(5, 7, {k: n | some i, k in sort(object.keys(annotations)); n := 6 + i})}),
		"__loc": fx.L(3, 7, {"name": 4, "annotations": [5, 7]}),
	},
	"spec": {"ingressClassName": "nginx", "__loc": fx.L(8, 9, {"ingressClassName": 9})},
	"__loc": fx.L(1, 9, {"apiVersion": 1, "kind": 2}),
})

test_tg_k8s_129_violation if {
	d := ingress_doc({"nginx.ingress.kubernetes.io/configuration-snippet": "more_set_headers \"X: y\";", "nginx.ingress.kubernetes.io/ssl-redirect": "true"})
	f := fx.only(ingress.deny, "TG-K8S-129") with input as d
	f.location == fx.at(6, 6)
	f.message == `Ingress "web" injects proxy configuration through annotation nginx.ingress.kubernetes.io/configuration-snippet (a configuration snippet)`
}

test_tg_k8s_129_escaping_value if {
	d := ingress_doc({"nginx.ingress.kubernetes.io/auth-url": "http://auth.example.com/check;\n}\nlocation /x {"})
	f := fx.only(ingress.deny, "TG-K8S-129") with input as d
	f.message == `Ingress "web" injects proxy configuration through annotation nginx.ingress.kubernetes.io/auth-url (characters that escape its value)`
}

test_tg_k8s_129_compliant if {
	d := ingress_doc({"nginx.ingress.kubernetes.io/auth-url": "https://auth.example.com/oauth2/auth", "nginx.ingress.kubernetes.io/ssl-redirect": "true"})
	count(ingress.deny) == 0 with input as d
}

test_tg_k8s_129_match_cn_comment if {
	d := ingress_doc({"nginx.ingress.kubernetes.io/auth-tls-match-cn": "CN=client#"})
	count(fx.ids(ingress.deny, "TG-K8S-129")) == 1 with input as d
	ok := ingress_doc({"nginx.ingress.kubernetes.io/auth-tls-match-cn": "CN=client"})
	count(fx.ids(ingress.deny, "TG-K8S-129")) == 0 with input as ok
}
