package tollgate.encryption.kubernetes.service_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.service
import rego.v1

#  1 apiVersion: v1
#  2 kind: Service
#  3 metadata:
#  4   name: web
#  5   namespace: shop
#  6 spec:
#  7   type: TYPE
#  8   ports:
#  9     - name: https
# 10       port: 443
# 11     - name: web
# 12       port: 80
# 13     - name: http-admin
# 14       port: 8080
lb(type) := fx.manifest(
	"v1", "Service", "web", {"spec": {
		"type": type,
		"ports": [
			{"name": "https", "port": 443, "__loc": fx.L(9, 10, {"name": 9, "port": 10})},
			{"name": "web", "port": 80, "__loc": fx.L(11, 12, {"name": 11, "port": 12})},
			{"name": "http-admin", "port": 8080, "__loc": fx.L(13, 14, {"name": 13, "port": 14})},
		],
		"__loc": fx.L(6, 14, {"type": 7, "ports": [8, 14]}),
	}},
	{}, 14,
)

annotated(d, annotations) := json.patch(d, [{"op": "add", "path": "/resource/metadata/annotations", "value": object.union(annotations, {"__loc": fx.L(6, 7, {})})}])

test_tg_k8s_060_violation if {
	findings := fx.ids(service.deny, "TG-K8S-060") with input as lb("LoadBalancer")
	{[f.location, f.message] | some f in findings} == {
		[fx.at(11, 12), `Service "web" serves plain HTTP on port 80 from a public load balancer, without TLS`],
		[fx.at(13, 14), `Service "web" serves plain HTTP on port 8080 from a public load balancer, without TLS`],
	}
}

test_tg_k8s_060_compliant if {
	tls := annotated(lb("LoadBalancer"), {"service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:aws:acm:eu-west-1:123456789012:certificate/abc"})
	count(fx.ids(service.deny, "TG-K8S-060")) == 0 with input as tls
}

test_tg_k8s_060_internal_or_cluster_ip_is_compliant if {
	count(service.deny) == 0 with input as lb("ClusterIP")
	internal := annotated(lb("LoadBalancer"), {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"})
	count(service.deny) == 0 with input as internal
}

test_tg_k8s_060_app_protocol if {
	d := json.patch(lb("LoadBalancer"), [
		{"op": "replace", "path": "/resource/spec/ports/1/port", "value": 8443},
		{"op": "replace", "path": "/resource/spec/ports/2/name", "value": "admin"},
		{"op": "add", "path": "/resource/spec/ports/2/appProtocol", "value": "HTTP"},
	])
	findings := fx.ids(service.deny, "TG-K8S-060") with input as d
	{f.location.start_line | some f in findings} == {13}
}
