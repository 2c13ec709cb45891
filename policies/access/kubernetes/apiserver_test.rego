package tollgate.access.kubernetes.apiserver_test

import data.tollgate.access.kubernetes.apiserver
import data.tollgate.access.kubernetes.fixtures_test as fx
import rego.v1

#  1 apiVersion: v1
#  2 kind: Pod
#  3 metadata:
#  4   name: kube-apiserver
#  5   namespace: kube-system
#  6 spec:
#  7   hostNetwork: true
#  8   containers:
#  9     - name: kube-apiserver
# 10       image: registry.k8s.io/kube-apiserver:v1.30.2
# 11       command:
# 12         - kube-apiserver
# 13         - FLAG...           (one line per flag, up to line 12 + count(flags))
static_pod(container) := fx.manifest(
	"v1", "Pod", "kube-apiserver", {"spec": {
		"hostNetwork": true,
		"containers": [container],
		"__loc": fx.L(6, container.__loc.end_line, {"hostNetwork": 7, "containers": [8, container.__loc.end_line]}),
	}},
	{}, container.__loc.end_line,
)

apiserver_pod(flags) := static_pod({
	"name": "kube-apiserver",
	"image": "registry.k8s.io/kube-apiserver:v1.30.2",
	"command": array.concat(["kube-apiserver"], flags),
	"__loc": fx.L(9, 12 + count(flags), {"name": 9, "image": 10, "command": [11, 12 + count(flags)]}),
})

hardened := [
	"--advertise-address=10.0.0.10",
	"--anonymous-auth=false",
	"--authorization-mode=Node,RBAC",
	"--client-ca-file=/etc/kubernetes/pki/ca.crt",
]

# with_flag(flags, old, new) replaces flag old by new (or drops it when new is "").
with_flag(flags, old, new) := [f | some x in flags; f := replaced(x, old, new); f != ""]

replaced(x, old, new) := new if x == old

else := x

test_hardened_apiserver_is_clean if {
	count(apiserver.deny) == 0 with input as apiserver_pod(hardened)
}

test_tg_k8s_053_violation if {
	flags := with_flag(hardened, "--anonymous-auth=false", "")
	f := fx.only(apiserver.deny, "TG-K8S-053") with input as apiserver_pod(flags)
	f.location == fx.at(11, 15)
	f.message == `Pod "kube-apiserver": kube-apiserver accepts anonymous requests (--anonymous-auth is not false)`
}

test_tg_k8s_053_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-053")) == 0 with input as apiserver_pod(hardened)
}

test_tg_k8s_053_explicit_true_and_last_value_wins if {
	count(fx.ids(apiserver.deny, "TG-K8S-053")) == 1 with input as apiserver_pod(with_flag(hardened, "--anonymous-auth=false", "--anonymous-auth=true"))
	count(fx.ids(apiserver.deny, "TG-K8S-053")) == 1 with input as apiserver_pod(array.concat(hardened, ["--anonymous-auth"]))
	count(fx.ids(apiserver.deny, "TG-K8S-053")) == 0 with input as apiserver_pod(array.concat(["--anonymous-auth=true"], hardened))
}

test_tg_k8s_053_authentication_config_is_not_judged if {
	flags := with_flag(hardened, "--anonymous-auth=false", "--authentication-config=/etc/kubernetes/authn.yaml")
	count(fx.ids(apiserver.deny, "TG-K8S-053")) == 0 with input as apiserver_pod(flags)
}

test_tg_k8s_054_violation if {
	flags := with_flag(hardened, "--authorization-mode=Node,RBAC", "--authorization-mode=Node, AlwaysAllow")
	f := fx.only(apiserver.deny, "TG-K8S-054") with input as apiserver_pod(flags)
	f.location == fx.at(11, 16)
	f.message == `Pod "kube-apiserver": kube-apiserver authorizes every request (--authorization-mode includes AlwaysAllow)`
}

test_tg_k8s_054_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-054")) == 0 with input as apiserver_pod(hardened)
	flags := with_flag(hardened, "--authorization-mode=Node,RBAC", "--authorization-config=/etc/kubernetes/authz.yaml")
	count(fx.ids(apiserver.deny, "TG-K8S-054")) == 0 with input as apiserver_pod(flags)
}

test_tg_k8s_054_default_mode_fires if {
	flags := with_flag(hardened, "--authorization-mode=Node,RBAC", "")
	f := fx.only(apiserver.deny, "TG-K8S-054") with input as apiserver_pod(flags)
	f.message == `Pod "kube-apiserver": kube-apiserver authorizes every request (no --authorization-mode or --authorization-config is set, and the default is AlwaysAllow)`
}

test_tg_k8s_055_violation if {
	flags := array.concat(hardened, ["--token-auth-file=/etc/kubernetes/tokens.csv"])
	f := fx.only(apiserver.deny, "TG-K8S-055") with input as apiserver_pod(flags)
	f.location == fx.at(11, 17)
	f.message == `Pod "kube-apiserver": kube-apiserver accepts static bearer tokens (--token-auth-file is set)`
}

test_tg_k8s_055_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-055")) == 0 with input as apiserver_pod(hardened)
}

# 11       command: [/usr/local/bin/kube-apiserver]
# 12       args:
# 13         - FLAG...
test_flags_in_args_point_at_args if {
	d := static_pod({
		"name": "apiserver",
		"image": "example.com/control-plane:1.30",
		"command": ["/usr/local/bin/kube-apiserver"],
		"args": ["--authorization-mode=AlwaysAllow"],
		"__loc": fx.L(9, 13, {"name": 9, "image": 10, "command": 11, "args": [12, 13]}),
	})
	f := fx.only(apiserver.deny, "TG-K8S-054") with input as d
	f.location == fx.at(12, 13)
}

test_image_name_identifies_the_apiserver if {
	d := static_pod({
		"name": "api",
		"image": "registry.k8s.io/kube-apiserver-amd64@sha256:0123",
		"args": ["--token-auth-file=/t.csv"],
		"__loc": fx.L(9, 12, {"name": 9, "image": 10, "args": [11, 12]}),
	})
	count(fx.ids(apiserver.deny, "TG-K8S-055")) == 1 with input as d
}

test_other_containers_ignored if {
	d := static_pod({
		"name": "proxy",
		"image": "nginx:1.27",
		"command": ["nginx", "--token-auth-file=x", "--authorization-mode=AlwaysAllow"],
		"__loc": fx.L(9, 14, {"name": 9, "image": 10, "command": [11, 14]}),
	})
	count(apiserver.deny) == 0 with input as d
}
