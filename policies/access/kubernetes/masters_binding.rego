package tollgate.access.kubernetes.masters_binding

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

masters := "system:masters"

# The ClusterRoleBinding every cluster is bootstrapped with, which gives system:masters
# the cluster-admin role.
bootstrap(binding) if {
	input.type == "ClusterRoleBinding"
	input.name == "cluster-admin"
	binding.roleRef.name == "cluster-admin"
}

# METADATA
# title: Binding names the system:masters group
# description: |
#   A subject of the RoleBinding or ClusterRoleBinding is system:masters. Members of that
#   group bypass authorization altogether, so the binding grants them nothing: it shows
#   that the group is used as an ordinary way to give access. Access through system:masters
#   cannot be withdrawn by removing bindings, only by revoking every credential that
#   carries the group (client certificates cannot be revoked before they expire). The
#   built-in cluster-admin ClusterRoleBinding is not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalation-paths
# - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
# custom:
#   id: TG-K8S-142
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Bind the role to a group of your own (or to users or service accounts), and keep system:masters credentials for break-glass use only.
#   frameworks:
#     nist-800-53: ["AC-2", "AC-6"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type in {"RoleBinding", "ClusterRoleBinding"}
	binding := input.resource
	not bootstrap(binding)
	some s in workload.list(binding.subjects)
	is_object(s)
	s.name == masters
	msg := sprintf("%s %q binds %q to the system:masters group, which bypasses authorization", [input.type, input.name, object.get(binding, ["roleRef", "name"], "")])
	finding := lib.finding(rego.metadata.rule(), lib.loc(s), msg)
}
