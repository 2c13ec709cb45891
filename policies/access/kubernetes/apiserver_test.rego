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

# full adds the flags of the later rules to hardened: command on lines 11..21.
full := array.concat(hardened, [
	"--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
	"--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key",
	"--service-account-key-file=/etc/kubernetes/pki/sa.pub",
	"--enable-admission-plugins=NodeRestriction,AlwaysPullImages",
	"--disable-admission-plugins=DefaultStorageClass",
])

test_hardened_apiserver_is_clean if {
	count(apiserver.deny) == 0 with input as apiserver_pod(full)
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

test_tg_k8s_084_violation if {
	flags := with_flag(full, "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key", "")
	f := fx.only(apiserver.deny, "TG-K8S-084") with input as apiserver_pod(flags)
	f.location == fx.at(11, 20)
	f.message == `Pod "kube-apiserver": kube-apiserver does not authenticate to kubelets (no --kubelet-client-key)`
	g := fx.only(apiserver.deny, "TG-K8S-084") with input as apiserver_pod(hardened)
	g.message == `Pod "kube-apiserver": kube-apiserver does not authenticate to kubelets (no --kubelet-client-certificate, --kubelet-client-key)`
}

test_tg_k8s_084_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-084")) == 0 with input as apiserver_pod(full)
}

test_tg_k8s_085_violation if {
	flags := with_flag(full, "--service-account-key-file=/etc/kubernetes/pki/sa.pub", "")
	f := fx.only(apiserver.deny, "TG-K8S-085") with input as apiserver_pod(flags)
	f.location == fx.at(11, 20)
	f.message == `Pod "kube-apiserver": kube-apiserver has no service account verification key (no --service-account-key-file)`
}

test_tg_k8s_085_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-085")) == 0 with input as apiserver_pod(full)
}

test_tg_k8s_086_violation if {
	flags := with_flag(full, "--client-ca-file=/etc/kubernetes/pki/ca.crt", "")
	f := fx.only(apiserver.deny, "TG-K8S-086") with input as apiserver_pod(flags)
	f.location == fx.at(11, 20)
	f.message == `Pod "kube-apiserver": kube-apiserver does not authenticate client certificates (no --client-ca-file)`
}

test_tg_k8s_086_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-086")) == 0 with input as apiserver_pod(full)
}

test_tg_k8s_087_violation if {
	flags := with_flag(full, "--enable-admission-plugins=NodeRestriction,AlwaysPullImages", "--enable-admission-plugins=NodeRestriction,AlwaysPullImages,AlwaysAdmit")
	f := fx.only(apiserver.deny, "TG-K8S-087") with input as apiserver_pod(flags)
	f.location == fx.at(11, 21)
	f.message == `Pod "kube-apiserver": kube-apiserver enables the AlwaysAdmit admission plugin`
	old := array.concat(hardened, ["--admission-control=AlwaysAdmit"])
	count(fx.ids(apiserver.deny, "TG-K8S-087")) == 1 with input as apiserver_pod(old)
}

test_tg_k8s_087_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-087")) == 0 with input as apiserver_pod(full)
}

test_tg_k8s_088_violation if {
	flags := with_flag(full, "--enable-admission-plugins=NodeRestriction,AlwaysPullImages", "--enable-admission-plugins=NodeRestriction")
	f := fx.only(apiserver.deny, "TG-K8S-088") with input as apiserver_pod(flags)
	f.location == fx.at(11, 21)
	f.message == `Pod "kube-apiserver": kube-apiserver does not enable the AlwaysPullImages admission plugin`
}

test_tg_k8s_088_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-088")) == 0 with input as apiserver_pod(full)
}

test_tg_k8s_089_violation if {
	flags := with_flag(full, "--disable-admission-plugins=DefaultStorageClass", "--disable-admission-plugins=DefaultStorageClass, ServiceAccount")
	f := fx.only(apiserver.deny, "TG-K8S-089") with input as apiserver_pod(flags)
	f.location == fx.at(11, 21)
	f.message == `Pod "kube-apiserver": kube-apiserver disables the ServiceAccount admission plugin`
}

test_tg_k8s_089_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-089")) == 0 with input as apiserver_pod(full)
}

test_tg_k8s_090_violation if {
	flags := with_flag(full, "--enable-admission-plugins=NodeRestriction,AlwaysPullImages", "")
	f := fx.only(apiserver.deny, "TG-K8S-090") with input as apiserver_pod(flags)
	f.location == fx.at(11, 20)
	f.message == `Pod "kube-apiserver": kube-apiserver does not enable the NodeRestriction admission plugin`
}

test_tg_k8s_090_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-090")) == 0 with input as apiserver_pod(full)
}

test_tg_k8s_091_violation if {
	flags := with_flag(full, "--authorization-mode=Node,RBAC", "--authorization-mode=Webhook")
	f := fx.only(apiserver.deny, "TG-K8S-091") with input as apiserver_pod(flags)
	f.location == fx.at(11, 21)
	f.message == `Pod "kube-apiserver": kube-apiserver authorization omits Node and RBAC (--authorization-mode=Webhook)`
}

test_tg_k8s_091_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-091")) == 0 with input as apiserver_pod(full)
	# No mode at all, or AlwaysAllow, is TG-K8S-054's finding only.
	unset := with_flag(full, "--authorization-mode=Node,RBAC", "")
	count(fx.ids(apiserver.deny, "TG-K8S-091")) == 0 with input as apiserver_pod(unset)
	allow := with_flag(full, "--authorization-mode=Node,RBAC", "--authorization-mode=AlwaysAllow")
	count(fx.ids(apiserver.deny, "TG-K8S-091")) == 0 with input as apiserver_pod(allow)
}

test_tg_k8s_092_violation if {
	flags := array.concat(full, ["--service-account-lookup=false"])
	f := fx.only(apiserver.deny, "TG-K8S-092") with input as apiserver_pod(flags)
	f.location == fx.at(11, 22)
	f.message == `Pod "kube-apiserver": kube-apiserver accepts tokens of deleted service accounts (--service-account-lookup=false)`
}

test_tg_k8s_092_compliant if {
	count(fx.ids(apiserver.deny, "TG-K8S-092")) == 0 with input as apiserver_pod(full)
	count(fx.ids(apiserver.deny, "TG-K8S-092")) == 0 with input as apiserver_pod(array.concat(full, ["--service-account-lookup=true"]))
}
