package tollgate.access.kubernetes.rbac

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# policy_rules(role) is the list of the role's rules that are objects.
policy_rules(role) := [r | some r in workload.list(role.rules); is_object(r)]

# strings(rule, key) is the set of strings of the list rule[key].
strings(rule, key) := {x | some x in workload.list(object.get(rule, key, [])); is_string(x)}

# all_access(rule) holds for a rule that grants every verb on every resource.
all_access(rule) if {
	"*" in strings(rule, "verbs")
	"*" in strings(rule, "resources")
}

# restricted(rule) holds for a rule limited to named objects (resourceNames).
restricted(rule) if count(strings(rule, "resourceNames")) > 0

# granted_verbs(rule, group, resource, verbs) is the subset of verbs (or "*") the rule
# grants on resource ("pods/exec" for a subresource) of API group group ("" is core).
# Empty for rules already reported as full access (TG-K8S-033) or limited to
# resourceNames.
granted_verbs(rule, group, resource, verbs) := {v |
	not all_access(rule)
	not restricted(rule)
	group_matches(strings(rule, "apiGroups"), group)
	resource_matches(strings(rule, "resources"), resource)
	some v in strings(rule, "verbs")
	verb_matches(v, verbs)
}

# granted_any(rule, group, resource, verbs) is granted_verbs without the exemption of
# rules limited to resourceNames: for permissions that are as dangerous on one named
# object (patching a named Deployment changes what it runs).
granted_any(rule, group, resource, verbs) := {v |
	not all_access(rule)
	group_matches(strings(rule, "apiGroups"), group)
	resource_matches(strings(rule, "resources"), resource)
	some v in strings(rule, "verbs")
	verb_matches(v, verbs)
}

group_matches(groups, group) if group in groups

group_matches(groups, _) if "*" in groups

resource_matches(resources, resource) if resource in resources

resource_matches(resources, _) if "*" in resources

# "*/scale" grants the scale subresource of every resource.
resource_matches(resources, resource) if {
	parts := split(resource, "/")
	count(parts) == 2
	concat("/", ["*", parts[1]]) in resources
}

verb_matches(v, verbs) if v in verbs

verb_matches(v, _) if v == "*"

# Every verb the API server authorizes on resources.
any_verb := {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}

verb_list(verbs) := concat(", ", sort(verbs))

# METADATA
# title: Binding grants cluster-admin
# description: |
#   A ClusterRoleBinding or RoleBinding grants the cluster-admin ClusterRole: its subjects
#   can do anything to every resource (cluster-wide for a ClusterRoleBinding, in the whole
#   namespace, Secrets included, for a RoleBinding). A compromise of any of them, often
#   a CI or operator service account, is a compromise of the cluster. The built-in
#   binding to the system:masters group is not reported.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
# custom:
#   id: TG-K8S-032
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Bind a role that grants only the verbs and resources the subjects need (admin, edit or view scoped to a namespace with a RoleBinding, or a custom Role).
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.1"]
#     nist-800-53: ["AC-6", "AC-3"]
#     soc2: ["CC6.1", "CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRoleBinding", "RoleBinding"}
	binding := input.resource
	ref := binding.roleRef
	ref.kind == "ClusterRole"
	ref.name == "cluster-admin"
	subjects := {describe_subject(s) | some s in workload.list(binding.subjects); is_object(s)}
	count(subjects) > 0
	subjects != {"Group system:masters"}
	msg := sprintf("%s %q grants cluster-admin%s to %s", [input.type, input.name, scope(input.type, binding), concat(", ", sort(subjects))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(ref, "name"), msg)
}

describe_subject(s) := sprintf("ServiceAccount %s/%s", [object.get(s, "namespace", ""), object.get(s, "name", "")]) if {
	s.kind == "ServiceAccount"
} else := sprintf("%s %s", [object.get(s, "kind", ""), object.get(s, "name", "")])

scope("ClusterRoleBinding", _) := " (every resource, cluster-wide)"

scope("RoleBinding", binding) := sprintf(" (every resource of namespace %s)", [object.get(binding, ["metadata", "namespace"], "default")])

# METADATA
# title: Role grants every verb on every resource
# description: |
#   A rule of the Role or ClusterRole has verbs ["*"] and resources ["*"]: whoever is bound
#   to it can read every Secret, exec into every pod, and, for a ClusterRole, grant
#   themselves anything. It is cluster-admin under another name, and it also covers
#   resources added to the API later.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-wildcard-use
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
# custom:
#   id: TG-K8S-033
#   severity: critical
#   category: access
#   provider: kubernetes
#   remediation: List the API groups, resources and verbs the subjects need; never grant "*" on "*".
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.3"]
#     nist-800-53: ["AC-6", "AC-3"]
#     soc2: ["CC6.1", "CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	all_access(rule)
	msg := sprintf("%s %q grants every verb on every resource", [input.type, input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# METADATA
# title: Role uses wildcards
# description: |
#   A rule of the Role or ClusterRole uses "*" in apiGroups, resources or verbs: it grants
#   more than anyone reviewed, including resources and verbs added to the API later.
#   Rules that grant every verb on every resource are reported by TG-K8S-033 instead.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-wildcard-use
# custom:
#   id: TG-K8S-034
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Replace each "*" with the explicit API groups, resources and verbs the subjects need.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.3"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	not all_access(rule)
	fields := [key | some key in ["apiGroups", "resources", "verbs"]; "*" in strings(rule, key)]
	count(fields) > 0
	msg := sprintf("%s %q uses a wildcard in %s", [input.type, input.name, concat(", ", fields)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# secret_access(verbs) says what the verbs allow on Secrets.
secret_access(verbs) := "read and change" if {
	count(verbs & {"get", "list", "watch", "*"}) > 0
	count(verbs & (change_verbs | {"*"})) > 0
} else := "read" if {
	count(verbs & {"get", "list", "watch", "*"}) > 0
} else := "change"

# Verbs that create, modify or remove objects.
change_verbs := {"create", "update", "patch", "delete", "deletecollection"}

# METADATA
# title: Role can read or change Secrets
# description: |
#   A rule of the Role or ClusterRole grants a verb on secrets (directly or through a
#   wildcard) without naming them in resourceNames. get, list and watch let its subjects
#   read every Secret of the namespace, or of the cluster for a ClusterRole bound
#   cluster-wide, including other service accounts' tokens (list and watch return the
#   contents too); create, update, patch and delete let them mint service account token
#   Secrets, or replace the credentials and certificates other workloads load.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
# custom:
#   id: TG-K8S-035
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove access to secrets, or restrict the rule with resourceNames to the Secrets the subject needs, with the verbs it needs (get only, to read).
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.2"]
#     nist-800-53: ["AC-6", "AC-3"]
#     soc2: ["CC6.1", "CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	verbs := granted_verbs(rule, "", "secrets", {"get", "list", "watch"} | change_verbs)
	count(verbs) > 0
	msg := sprintf("%s %q can %s Secrets (%s)", [input.type, input.name, secret_access(verbs), verb_list(verbs)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# METADATA
# title: Role can exec into pods
# description: |
#   A rule of the Role or ClusterRole grants pods/exec or pods/attach (create, or get, which
#   the API server accepts for WebSocket connections): its subjects can run commands in any
#   pod in scope, with that pod's service account token, mounted Secrets and network access.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
# custom:
#   id: TG-K8S-036
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove pods/exec and pods/attach from the rule; grant them only to break-glass roles, bound for a limited time.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-3"]
#     soc2: ["CC6.1", "CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	subresources := {r | some r in ["pods/exec", "pods/attach"]; count(granted_verbs(rule, "", r, {"create", "get"})) > 0}
	count(subresources) > 0
	msg := sprintf("%s %q can exec into pods (%s)", [input.type, input.name, concat(", ", sort(subresources))])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# escalation_verbs(rule) is the set of escalate, bind and impersonate verbs the rule
# grants; bind and escalate limited to resourceNames are left out.
escalation_verbs(rule) := {v |
	some v in strings(rule, "verbs")
	v == "impersonate"
} | {v |
	not restricted(rule)
	some v in strings(rule, "verbs")
	v in {"bind", "escalate"}
}

# METADATA
# title: Role grants escalate, bind or impersonate
# description: |
#   A rule of the Role or ClusterRole grants the escalate or bind verb (on roles or
#   bindings, without resourceNames), or impersonate: its subjects can give themselves
#   permissions they do not hold, or act as any user, group or service account, including
#   cluster administrators.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb
# - https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation
# custom:
#   id: TG-K8S-037
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove the verbs; if a controller must bind roles, limit bind to the roles it hands out with resourceNames.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.8"]
#     nist-800-53: ["AC-6", "AC-3"]
#     soc2: ["CC6.1", "CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	verbs := escalation_verbs(rule)
	count(verbs) > 0
	msg := sprintf("%s %q grants privilege escalation verbs (%s)", [input.type, input.name, verb_list(verbs)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# Groups and users every caller belongs to.
public_subjects := {
	"system:anonymous": "anonymous requests",
	"system:unauthenticated": "every unauthenticated request",
	"system:authenticated": "every authenticated user and service account",
}

# Built-in roles the API server itself binds to the public groups.
public_roles := {"system:basic-user", "system:discovery", "system:public-info-viewer"}

public_role(binding) if binding.roleRef.name in public_roles

# METADATA
# title: Binding grants a role to anonymous or all users
# description: |
#   A ClusterRoleBinding or RoleBinding has the subject system:anonymous,
#   system:unauthenticated or system:authenticated: the role is granted to anyone who can
#   reach the API server, or to every identity the cluster accepts, which on some managed
#   clusters includes any account of the cloud provider. The API server's own bindings of
#   system:basic-user, system:discovery and system:public-info-viewer are not reported.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles
# - https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests
# custom:
#   id: TG-K8S-038
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove the subject and bind the role to the users, groups or service accounts that need it.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-14"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.1"]
deny contains finding if {
	input.type in {"ClusterRoleBinding", "RoleBinding"}
	binding := input.resource
	not public_role(binding)
	some s in workload.list(binding.subjects)
	who := public_subjects[s.name]
	msg := sprintf("%s %q grants %s %q to %s (%s)", [input.type, input.name, object.get(binding, ["roleRef", "kind"], ""), object.get(binding, ["roleRef", "name"], ""), s.name, who])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(s, "name"), msg)
}

# METADATA
# title: Role can proxy to the kubelet
# description: |
#   A rule of the Role or ClusterRole grants a verb on nodes/proxy: its subjects can call
#   the kubelet API of every node through the API server, which includes running commands
#   in any pod of the node; the API server's audit log records only a node proxy request,
#   not which pod was entered.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#nodes-proxy
# custom:
#   id: TG-K8S-039
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove nodes/proxy from the rule; read node metrics through the metrics API or nodes/metrics instead.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.10"]
#     nist-800-53: ["AC-6", "AC-3"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	verbs := granted_verbs(rule, "", "nodes/proxy", any_verb)
	count(verbs) > 0
	msg := sprintf("%s %q can proxy to the kubelet (nodes/proxy: %s)", [input.type, input.name, verb_list(verbs)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# METADATA
# title: Role can create service account tokens
# description: |
#   A rule of the Role or ClusterRole grants create on serviceaccounts/token: its subjects
#   can mint API tokens for any service account in scope and act with its permissions.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request
# custom:
#   id: TG-K8S-040
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove create on serviceaccounts/token, or restrict it with resourceNames to the service accounts the subject must issue tokens for.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.13"]
#     nist-800-53: ["AC-6", "IA-5"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	verbs := granted_verbs(rule, "", "serviceaccounts/token", {"create"})
	count(verbs) > 0
	msg := sprintf("%s %q can create service account tokens (serviceaccounts/token: %s)", [input.type, input.name, verb_list(verbs)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

webhook_resources := ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]

# METADATA
# title: Role can change admission webhooks
# description: |
#   A rule of the Role or ClusterRole grants create, update, patch or delete on
#   mutatingwebhookconfigurations or validatingwebhookconfigurations: its subjects can
#   remove the admission controls that enforce policy, or register a webhook that sees and
#   rewrites every object sent to the API server, Secrets included.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks
# custom:
#   id: TG-K8S-041
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Grant write access to webhook configurations only to the cluster's administrators and the controller that owns each webhook, limited with resourceNames.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.12"]
#     nist-800-53: ["AC-6", "CM-5"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	writable := {r |
		some r in webhook_resources
		count(granted_verbs(rule, "admissionregistration.k8s.io", r, {"create", "update", "patch", "delete", "deletecollection"})) > 0
	}
	count(writable) > 0
	msg := sprintf("%s %q can change admission webhooks (%s)", [input.type, input.name, concat(", ", sort(writable))])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# METADATA
# title: Role can approve certificate signing requests
# description: |
#   A rule of the Role or ClusterRole grants update or patch on
#   certificatesigningrequests/approval: its subjects can approve their own requests for
#   client certificates, and with them authenticate as any user or node the signer issues
#   for.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing
# - https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization
# custom:
#   id: TG-K8S-042
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Remove the approval subresource from the rule; leave approval to the cluster's administrators and to controllers scoped to their signer.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.11"]
#     nist-800-53: ["AC-6", "IA-5"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	verbs := granted_verbs(rule, "certificates.k8s.io", "certificatesigningrequests/approval", {"update", "patch"})
	count(verbs) > 0
	msg := sprintf("%s %q can approve certificate signing requests (%s)", [input.type, input.name, verb_list(verbs)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# METADATA
# title: Role can create PersistentVolumes
# description: |
#   A rule of the Role or ClusterRole grants create on persistentvolumes: its subjects can
#   create a hostPath PersistentVolume and mount any directory of a node in a pod, around
#   the controls on pod specs.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation
# custom:
#   id: TG-K8S-043
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Remove create on persistentvolumes; let users request storage with PersistentVolumeClaims served by a StorageClass.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.9"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	verbs := granted_verbs(rule, "", "persistentvolumes", {"create"})
	count(verbs) > 0
	msg := sprintf("%s %q can create PersistentVolumes (%s)", [input.type, input.name, verb_list(verbs)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# changed(rule, targets) is the sorted list of the [group, resource] targets whose objects
# the rule lets its subjects create, change or delete, named "resource" in messages.
changed(rule, targets) := sort({resource |
	some [group, resource] in targets
	count(granted_any(rule, group, resource, change_verbs)) > 0
})

# Workload resources, by API group: creating or changing any of them runs a pod of the
# subject's choosing.
workload_resources := [
	["", "pods"], ["", "replicationcontrollers"], ["apps", "deployments"], ["apps", "replicasets"],
	["apps", "statefulsets"], ["apps", "daemonsets"], ["batch", "jobs"], ["batch", "cronjobs"],
	["extensions", "deployments"], ["extensions", "replicasets"], ["extensions", "daemonsets"],
]

# METADATA
# title: Role can create or change workloads
# description: |
#   A rule of the Role or ClusterRole grants create, update, patch or delete on pods or on
#   the workloads that create them (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs,
#   CronJobs, ReplicationControllers), even on named objects: its subjects can run any image
#   with any service account of the namespace, mount its Secrets, and so act with every
#   permission granted there; or replace and remove the workloads running.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation
# custom:
#   id: TG-K8S-121
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Grant workload changes to deployment pipelines only, in the namespaces they deploy to, and enforce the Pod Security Standards (restricted) there; give people read access.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.4"]
#     nist-800-53: ["AC-6", "AC-3"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	resources := changed(rule, workload_resources)
	count(resources) > 0
	msg := sprintf("%s %q can create or change workloads (%s)", [input.type, input.name, concat(", ", resources)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# configmap_change(rule) describes the ConfigMaps the rule lets its subjects change: the
# EKS aws-auth ConfigMap when the rule names it, else the ConfigMaps in scope.
configmap_change(rule) := "the aws-auth ConfigMap, which maps AWS identities to Kubernetes users and groups" if {
	count(granted_any(rule, "", "configmaps", change_verbs)) > 0
	"aws-auth" in strings(rule, "resourceNames")
} else := sprintf("ConfigMaps %s", [concat(", ", sort(strings(rule, "resourceNames")))]) if {
	count(granted_any(rule, "", "configmaps", change_verbs)) > 0
	restricted(rule)
} else := "ConfigMaps" if {
	count(granted_any(rule, "", "configmaps", change_verbs)) > 0
}

# METADATA
# title: Role can change ConfigMaps
# description: |
#   A rule of the Role or ClusterRole grants create, update, patch or delete on configmaps:
#   its subjects can change the configuration workloads load (proxies, DNS, agents, or
#   the named ConfigMaps), and on EKS the aws-auth ConfigMap maps AWS identities to
#   Kubernetes groups such as system:masters.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# - https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html
# custom:
#   id: TG-K8S-122
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Give ConfigMap changes to deployment pipelines only, limited with resourceNames to the ConfigMaps they own; manage aws-auth (or EKS access entries) from infrastructure code only.
#   frameworks:
#     nist-800-53: ["AC-6", "CM-5"]
#     soc2: ["CC6.3", "CC8.1"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	what := configmap_change(rule)
	msg := sprintf("%s %q can change %s", [input.type, input.name, what])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# Resources that route or filter traffic, by API group.
network_resources := [
	["", "services"], ["", "services/status"], ["", "endpoints"], ["discovery.k8s.io", "endpointslices"],
	["networking.k8s.io", "networkpolicies"], ["networking.k8s.io", "ingresses"],
	["extensions", "ingresses"], ["extensions", "networkpolicies"],
]

# METADATA
# title: Role can change network configuration
# description: |
#   A rule of the Role or ClusterRole grants create, update, patch or delete on services
#   (or their status, where a load balancer's ingress IP is recorded), endpoints,
#   endpointslices, ingresses or networkpolicies, even on named objects: its subjects can
#   expose workloads outside the cluster, redirect their traffic to endpoints of their
#   choice (CVE-2020-8554), or remove the network policies that isolate them.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# - https://kubernetes.io/docs/concepts/services-networking/network-policies/
# custom:
#   id: TG-K8S-123
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Grant network changes to deployment pipelines and network administrators only, limited with resourceNames where possible.
#   frameworks:
#     nist-800-53: ["AC-6", "SC-7"]
#     soc2: ["CC6.3", "CC6.6"]
#     pci-dss-4.0: ["1.2.1"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	resources := changed(rule, network_resources)
	count(resources) > 0
	msg := sprintf("%s %q can change network configuration (%s)", [input.type, input.name, concat(", ", resources)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}

# METADATA
# title: Binding grants the admin or edit ClusterRole
# description: |
#   A ClusterRoleBinding or RoleBinding grants the built-in admin or edit ClusterRole: its
#   subjects can read Secrets, create pods with any service account and change most
#   objects of the namespace (of every namespace for a ClusterRoleBinding), which amounts
#   to every permission granted there. cluster-admin is reported by TG-K8S-032.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
# custom:
#   id: TG-K8S-124
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Bind a custom Role with the verbs and resources the subjects need, or view for read access; keep admin and edit for break-glass accounts.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.1"]
#     nist-800-53: ["AC-6", "AC-3"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRoleBinding", "RoleBinding"}
	binding := input.resource
	ref := binding.roleRef
	ref.kind == "ClusterRole"
	ref.name in {"admin", "edit"}
	subjects := {describe_subject(s) | some s in workload.list(binding.subjects); is_object(s)}
	count(subjects) > 0
	msg := sprintf("%s %q grants the %s ClusterRole%s to %s", [input.type, input.name, ref.name, binding_scope(input.type, binding), concat(", ", sort(subjects))])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(ref, "name"), msg)
}

binding_scope("ClusterRoleBinding", _) := " in every namespace"

binding_scope("RoleBinding", binding) := sprintf(" in namespace %s", [object.get(binding, ["metadata", "namespace"], "default")])

# METADATA
# title: Binding grants a role to a default service account
# description: |
#   A ClusterRoleBinding or RoleBinding names a service account called default as subject:
#   every pod of that namespace that does not choose a service account runs with it, so
#   the role is granted to all of them, and to whatever is deployed there later.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions
# custom:
#   id: TG-K8S-125
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Create a dedicated service account for the workload that needs the role, bind the role to it, and set serviceAccountName on that workload.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.5"]
#     nist-800-53: ["AC-6", "AC-2"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRoleBinding", "RoleBinding"}
	binding := input.resource
	some s in workload.list(binding.subjects)
	s.kind == "ServiceAccount"
	s.name == "default"
	msg := sprintf("%s %q grants %s %q to the default service account of namespace %s", [input.type, input.name, object.get(binding, ["roleRef", "kind"], ""), object.get(binding, ["roleRef", "name"], ""), subject_namespace(s, binding)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(s, "name"), msg)
}

subject_namespace(s, _) := s.namespace if is_string(s.namespace)

else := ns if {
	ns := input.resource.metadata.namespace
	is_string(ns)
} else := "(unset)"

# Binding resources of the RBAC API.
binding_resources := [
	["rbac.authorization.k8s.io", "rolebindings"],
	["rbac.authorization.k8s.io", "clusterrolebindings"],
]

# METADATA
# title: Role can create or change role bindings
# description: |
#   A rule of the Role or ClusterRole grants create, update or patch on rolebindings or
#   clusterrolebindings: its subjects can hand the permissions they hold (or may bind) to
#   any user, group or service account, including anonymous or all authenticated users,
#   and keep them after their own access is removed. Without resourceNames, bindings made
#   by others can be changed too.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: TG-K8S-131
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Let only the cluster's access management (GitOps, an operator with a narrow bind permission) create and change bindings.
#   frameworks:
#     cis-kubernetes-1.8: ["5.1.8"]
#     nist-800-53: ["AC-2", "AC-6"]
#     soc2: ["CC6.2", "CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in policy_rules(input.resource)
	resources := sort({resource |
		some [group, resource] in binding_resources
		count(granted_any(rule, group, resource, {"create", "update", "patch"})) > 0
	})
	count(resources) > 0
	msg := sprintf("%s %q can create or change role bindings (%s)", [input.type, input.name, concat(", ", resources)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}
