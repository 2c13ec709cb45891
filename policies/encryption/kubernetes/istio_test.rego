package tollgate.encryption.kubernetes.istio_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.encryption.kubernetes.istio
import rego.v1

#  1 apiVersion: security.istio.io/v1
#  2 kind: PeerAuthentication
#  3 metadata:
#  4   name: default
#  5   namespace: shop
#  6 spec:
#  7   mtls:
#  8     mode: MODE
#  9   portLevelMtls:
# 10     "9090":
# 11       mode: PORT_MODE
peer_auth(mode, port_mode) := fx.manifest(
	"security.istio.io/v1", "PeerAuthentication", "default", {"spec": {
		"mtls": {"mode": mode, "__loc": fx.L(7, 8, {"mode": 8})},
		"portLevelMtls": {
			"9090": {"mode": port_mode, "__loc": fx.L(10, 11, {"mode": 11})},
			"__loc": fx.L(9, 11, {}),
		},
		"__loc": fx.L(6, 11, {}),
	}},
	{}, 11,
)

test_tg_k8s_069_violation if {
	f := fx.only(istio.deny, "TG-K8S-069") with input as peer_auth("PERMISSIVE", "STRICT")
	f.location == fx.at(8, 8)
	f.message == `PeerAuthentication "default" accepts plain-text traffic (mtls.mode: PERMISSIVE)`
}

test_tg_k8s_069_compliant if {
	count(istio.deny) == 0 with input as peer_auth("STRICT", "STRICT")
}

test_tg_k8s_069_port_level if {
	f := fx.only(istio.deny, "TG-K8S-069") with input as peer_auth("STRICT", "DISABLE")
	f.location == fx.at(11, 11)
	f.message == `PeerAuthentication "default" accepts plain-text traffic (portLevelMtls 9090 mode: DISABLE)`
}

#  1 apiVersion: networking.istio.io/v1
#  2 kind: Gateway
#  3 metadata:
#  4   name: shop
#  5   namespace: shop
#  6 spec:
#  7   servers:
#  8     - port: {number: 80, name: http, protocol: HTTP}
#  9       hosts: [shop.example.com]
# 10       tls: TLS                        (when given)
gateway(server_tls) := fx.manifest(
	"networking.istio.io/v1", "Gateway", "shop", {"spec": {
		"servers": [object.union(
			{
				"port": {"number": 80, "name": "http", "protocol": "HTTP", "__loc": fx.L(8, 8, {"number": 8, "name": 8, "protocol": 8})},
				"hosts": ["shop.example.com"],
				"__loc": fx.L(8, 10, {"hosts": 9}),
			},
			server_tls,
		)],
		"__loc": fx.L(6, 10, {"servers": [7, 10]}),
	}},
	{}, 10,
)

test_tg_k8s_070_violation if {
	f := fx.only(istio.deny, "TG-K8S-070") with input as gateway({})
	f.location == fx.at(8, 10)
	f.message == `Gateway "shop" serves plain HTTP without redirecting to HTTPS (server "http", port 80)`
}

test_tg_k8s_070_compliant if {
	count(istio.deny) == 0 with input as gateway({"tls": {"httpsRedirect": true, "__loc": fx.L(10, 10, {"httpsRedirect": 10})}})
}

test_tg_k8s_070_gateway_api_ignored if {
	d := json.patch(gateway({}), [{"op": "replace", "path": "/resource/apiVersion", "value": "gateway.networking.k8s.io/v1"}])
	count(istio.deny) == 0 with input as d
}
