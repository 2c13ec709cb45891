package tollgate.audit.kubernetes.pod_logs

import data.tollgate.access.kubernetes.rbac
import data.tollgate.lib
import rego.v1

# Resources of a rule that name the log subresource of pods explicitly.
log_resources := {"pods/log", "*/log"}

delete_verbs := {"delete", "deletecollection"}

# METADATA
# title: Role grants delete on pod logs
# description: |
#   A rule of the Role or ClusterRole grants delete, deletecollection or "*" on pods/log
#   (or */log). The API server serves container logs for reading only, so the verb has no
#   effect today: what the rule records is an intent to erase the logs of a workload, the
#   first step of covering tracks, and it would take effect with any API that accepted it.
#   Rules that grant every verb on every resource are reported by TG-K8S-033 instead.
# related_resources:
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
# - https://kubernetes.io/docs/concepts/cluster-administration/logging/
# custom:
#   id: TG-K8S-140
#   severity: low
#   category: audit
#   provider: kubernetes
#   remediation: Grant only get (and list, watch) on pods/log; keep container logs shipped off the node to a store the workload's identities cannot change.
#   frameworks:
#     nist-800-53: ["AU-9"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type in {"ClusterRole", "Role"}
	some rule in rbac.policy_rules(input.resource)
	not rbac.all_access(rule)
	resources := rbac.strings(rule, "resources") & log_resources
	count(resources) > 0
	verbs := rbac.granted_any(rule, "", "pods/log", delete_verbs)
	count(verbs) > 0
	msg := sprintf("%s %q grants %s on %s", [input.type, input.name, rbac.verb_list(verbs), concat(", ", sort(resources))])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}
