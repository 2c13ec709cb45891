package tollgate.encryption.kubernetes.apiservice_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.apiservice
import rego.v1

#  1 apiVersion: apiregistration.k8s.io/v1
#  2 kind: APIService
#  3 metadata:
#  4   name: v1beta1.metrics.k8s.io
#  5   namespace: shop
#  6 spec:
#  7   group: metrics.k8s.io
#  8   version: v1beta1
#  9   insecureSkipTLSVerify: SKIP
# 10   service: {name: metrics-server, namespace: kube-system}
api_service(skip) := fx.manifest(
	"apiregistration.k8s.io/v1", "APIService", "v1beta1.metrics.k8s.io", {"spec": {
		"group": "metrics.k8s.io",
		"version": "v1beta1",
		"insecureSkipTLSVerify": skip,
		"service": {"name": "metrics-server", "namespace": "kube-system", "__loc": fx.L(10, 10, {"name": 10, "namespace": 10})},
		"__loc": fx.L(6, 10, {"group": 7, "version": 8, "insecureSkipTLSVerify": 9}),
	}},
	{}, 10,
)

test_tg_k8s_061_violation if {
	f := fx.only(apiservice.deny, "TG-K8S-061") with input as api_service(true)
	f.location == fx.at(9, 9)
	f.message == `APIService "v1beta1.metrics.k8s.io" is called without verifying its TLS certificate (insecureSkipTLSVerify: true)`
}

test_tg_k8s_061_compliant if {
	count(apiservice.deny) == 0 with input as api_service(false)
	count(apiservice.deny) == 0 with input as json.remove(api_service(true), ["resource/spec/insecureSkipTLSVerify"])
}
