package tollgate.encryption.kubernetes.tls_test

import data.tollgate.access.kubernetes.apiserver_test as pods
import data.tollgate.access.kubernetes.controlplane_test as components
import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.tls
import rego.v1

test_tg_k8s_064_violation if {
	flags := array.concat(pods.hardened, ["--tls-min-version=VersionTLS10"])
	f := fx.only(tls.deny, "TG-K8S-064") with input as pods.apiserver_pod(flags)
	f.location == fx.at(11, 17)
	f.message == `Pod "kube-apiserver": kube-apiserver accepts TLS versions older than 1.2 (--tls-min-version=VersionTLS10)`
}

test_tg_k8s_064_compliant if {
	count(tls.deny) == 0 with input as pods.apiserver_pod(array.concat(pods.hardened, ["--tls-min-version=VersionTLS12"]))
	count(tls.deny) == 0 with input as pods.apiserver_pod(pods.hardened)
}

test_tg_k8s_064_follows_min_tls_version if {
	flags := array.concat(pods.hardened, ["--tls-min-version=VersionTLS12"])
	count(fx.ids(tls.deny, "TG-K8S-064")) == 1 with input as pods.apiserver_pod(flags) with data.config.params as {"min_tls_version": "1.3"}
	old := array.concat(pods.hardened, ["--tls-min-version=VersionTLS11"])
	count(fx.ids(tls.deny, "TG-K8S-064")) == 0 with input as pods.apiserver_pod(old) with data.config.params as {"min_tls_version": "1.1"}
	count(fx.ids(tls.deny, "TG-K8S-064")) == 0 with input as pods.apiserver_pod(old) with data.config.params as {"min_tls_version": "modern"}
}

# 1 apiVersion: kubelet.config.k8s.io/v1beta1
# 2 kind: KubeletConfiguration
# 3 tlsMinVersion: VERSION
kubelet_config(version) := fx.doc("KubeletConfiguration", "", {
	"apiVersion": "kubelet.config.k8s.io/v1beta1",
	"kind": "KubeletConfiguration",
	"tlsMinVersion": version,
	"__loc": fx.L(1, 3, {"apiVersion": 1, "kind": 2, "tlsMinVersion": 3}),
})

test_tg_k8s_064_kubelet if {
	f := fx.only(tls.deny, "TG-K8S-064") with input as kubelet_config("VersionTLS11")
	f.location == fx.at(3, 3)
	f.message == `KubeletConfiguration in "k8s/app.yaml": the kubelet accepts TLS versions older than 1.2 (tlsMinVersion: VersionTLS11)`
	count(tls.deny) == 0 with input as kubelet_config("VersionTLS13")
}

#  1 apiVersion: v1
#  2 kind: ConfigMap
#  3 metadata:
#  4   name: ingress-nginx-controller
#  5   namespace: shop
#  6 data:
#  7   ssl-protocols: PROTOCOLS
nginx_config(protocols) := fx.manifest(
	"v1", "ConfigMap", "ingress-nginx-controller", {"data": {
		"ssl-protocols": protocols,
		"__loc": fx.L(6, 7, {"ssl-protocols": 7}),
	}},
	{}, 7,
)

test_tg_k8s_068_violation if {
	f := fx.only(tls.deny, "TG-K8S-068") with input as nginx_config("TLSv1 TLSv1.1 TLSv1.2")
	f.location == fx.at(7, 7)
	f.message == `ConfigMap "ingress-nginx-controller" accepts TLS versions older than 1.2 (ssl-protocols: TLSv1 TLSv1.1 TLSv1.2)`
}

test_tg_k8s_068_compliant if {
	count(tls.deny) == 0 with input as nginx_config("TLSv1.2 TLSv1.3")
}

#  1 apiVersion: traefik.io/v1alpha1
#  2 kind: TLSOption
#  3 metadata:
#  4   name: default
#  5   namespace: shop
#  6 spec:
#  7   minVersion: VERSION
tls_option(version) := fx.manifest(
	"traefik.io/v1alpha1", "TLSOption", "default", {"spec": {
		"minVersion": version,
		"__loc": fx.L(6, 7, {"minVersion": 7}),
	}},
	{}, 7,
)

test_tg_k8s_068_traefik if {
	f := fx.only(tls.deny, "TG-K8S-068") with input as tls_option("VersionTLS10")
	f.location == fx.at(7, 7)
	f.message == `TLSOption "default" accepts TLS versions older than 1.2 (minVersion: VersionTLS10)`
	count(tls.deny) == 0 with input as tls_option("VersionTLS12")
}

#  1 apiVersion: networking.istio.io/v1
#  2 kind: Gateway
#  3 metadata:
#  4   name: shop
#  5   namespace: shop
#  6 spec:
#  7   servers:
#  8     - port: {number: 443, name: https, protocol: HTTPS}
#  9       hosts: [shop.example.com]
# 10       tls:
# 11         mode: SIMPLE
# 12         credentialName: shop-tls
# 13         minProtocolVersion: VERSION
istio_gateway(version) := fx.manifest(
	"networking.istio.io/v1", "Gateway", "shop", {"spec": {
		"servers": [{
			"port": {"number": 443, "name": "https", "protocol": "HTTPS", "__loc": fx.L(8, 8, {"number": 8, "name": 8, "protocol": 8})},
			"hosts": ["shop.example.com"],
			"tls": {"mode": "SIMPLE", "credentialName": "shop-tls", "minProtocolVersion": version, "__loc": fx.L(10, 13, {"mode": 11, "credentialName": 12, "minProtocolVersion": 13})},
			"__loc": fx.L(8, 13, {"hosts": 9}),
		}],
		"__loc": fx.L(6, 13, {"servers": [7, 13]}),
	}},
	{}, 13,
)

test_tg_k8s_068_istio if {
	f := fx.only(tls.deny, "TG-K8S-068") with input as istio_gateway("TLSV1_1")
	f.location == fx.at(13, 13)
	f.message == `Gateway "shop" accepts TLS versions older than 1.2 (server "https" minProtocolVersion: TLSV1_1)`
	count(tls.deny) == 0 with input as istio_gateway("TLSV1_2")
	count(tls.deny) == 0 with input as istio_gateway("TLS_AUTO")
}

test_tg_k8s_068_other_api_groups_ignored if {
	d := json.patch(tls_option("VersionTLS10"), [{"op": "replace", "path": "/resource/apiVersion", "value": "example.com/v1"}])
	count(tls.deny) == 0 with input as d
}

test_tg_k8s_109_violation if {
	flags := ["--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"]
	f := fx.only(tls.deny, "TG-K8S-109") with input as components.component_pod("kube-apiserver", flags)
	f.location == fx.at(11, 13)
	f.message == `Pod "kube-apiserver": kube-apiserver offers weak TLS cipher suites (TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA)`
}

test_tg_k8s_109_kubelet if {
	flags := ["--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA"]
	f := fx.only(tls.deny, "TG-K8S-109") with input as components.component_pod("kubelet", flags)
	f.message == `Pod "kube-apiserver": the kubelet offers weak TLS cipher suites (TLS_RSA_WITH_RC4_128_SHA)`
	d := fx.doc("KubeletConfiguration", "", {
		"apiVersion": "kubelet.config.k8s.io/v1beta1",
		"kind": "KubeletConfiguration",
		"tlsCipherSuites": ["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"],
		"__loc": fx.L(1, 5, {"apiVersion": 1, "kind": 2, "tlsCipherSuites": [3, 5]}),
	})
	g := fx.only(tls.deny, "TG-K8S-109") with input as d
	g.location == fx.at(3, 5)
	g.message == `KubeletConfiguration in "k8s/app.yaml": the kubelet offers weak TLS cipher suites (TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA)`
}

test_tg_k8s_109_compliant if {
	flags := ["--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"]
	count(fx.ids(tls.deny, "TG-K8S-109")) == 0 with input as components.component_pod("kube-apiserver", flags)
	count(fx.ids(tls.deny, "TG-K8S-109")) == 0 with input as components.component_pod("kube-apiserver", ["--profiling=false"])
}
