package tollgate.audit.kubernetes.kubelet_events

import data.tollgate.access.kubernetes.kubelet
import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

limits contains [lib.attr_loc(input.resource, "eventRecordQPS"), sprintf("%s limits the events the kubelet records to %v per second (eventRecordQPS)", [workload.subject, qps])] if {
	input.type == "KubeletConfiguration"
	qps := input.resource.eventRecordQPS
	is_number(qps)
	qps != 0
}

limits contains [workload.flag_loc(c, "event-qps"), sprintf("%s limits the events the kubelet records to %s per second (--event-qps)", [kubelet.container_subject(c), v])] if {
	some c in kubelet.kubelets
	v := workload.flag(c, "event-qps")
	to_number(v) != 0
}

# METADATA
# title: Kubelet drops events above a rate limit
# description: |
#   The KubeletConfiguration sets eventRecordQPS, or a kubelet container sets --event-qps,
#   to a non-zero value: the kubelet records at most that many events per second and drops
#   the rest, so a burst (a crash loop, an image pull storm, an attack) leaves gaps in the
#   record that incident responders and alerting read. 0 records every event; CIS 4.2.9
#   asks for 0 or a level that captures every relevant event. Left unset, the kubelet's
#   default (50) is not reported.
# related_resources:
# - https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# custom:
#   id: TG-K8S-147
#   severity: low
#   category: audit
#   provider: kubernetes
#   remediation: 'Set eventRecordQPS: 0 in the KubeletConfiguration (or --event-qps=0), or a limit you have measured to hold every event of a busy node, with eventBurst to match.'
#   frameworks:
#     cis-kubernetes-1.8: ["4.2.9"]
#     nist-800-53: ["AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {"KubeletConfiguration", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	some [location, msg] in limits
	finding := lib.finding(rego.metadata.rule(), location, msg)
}
