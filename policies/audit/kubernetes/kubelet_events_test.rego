package tollgate.audit.kubernetes.kubelet_events_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.access.kubernetes.kubelet_test
import data.tollgate.audit.kubernetes.kubelet_events
import rego.v1

#  1 apiVersion: kubelet.config.k8s.io/v1beta1
#  2 kind: KubeletConfiguration
#  3 eventRecordQPS: QPS
config(qps) := fx.doc("KubeletConfiguration", "", {
	"apiVersion": "kubelet.config.k8s.io/v1beta1",
	"kind": "KubeletConfiguration",
	"eventRecordQPS": qps,
	"__loc": fx.L(1, 3, {"apiVersion": 1, "kind": 2, "eventRecordQPS": 3}),
})

test_tg_k8s_147_violation if {
	f := fx.only(kubelet_events.deny, "TG-K8S-147") with input as config(5)
	f.location == fx.at(3, 3)
	contains(f.message, "to 5 per second (eventRecordQPS)")
}

test_tg_k8s_147_compliant if {
	count(kubelet_events.deny) == 0 with input as config(0)
}

test_flag_above_checkovs_threshold if {
	f := fx.only(kubelet_events.deny, "TG-K8S-147") with input as kubelet_test.kubelet_pod(["--event-qps=10"])
	contains(f.message, "to 10 per second (--event-qps)")
}

test_flag_zero_and_unset_pass if {
	count(kubelet_events.deny) == 0 with input as kubelet_test.kubelet_pod(["--event-qps=0"])
	count(kubelet_events.deny) == 0 with input as kubelet_test.kubelet_pod(["--anonymous-auth=false"])
}
