package tollgate.audit.kubernetes.audit_policy

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

audit_policy := input.resource if {
	input.type == "Policy"
	startswith(input.resource.apiVersion, "audit.k8s.io/")
}

policy_rules(policy) := [r | some r in workload.list(policy.rules); is_object(r)]

# The fields that restrict which requests a rule matches besides its resources.
filters := ["users", "userGroups", "verbs", "namespaces", "nonResourceURLs", "resources"]

catch_all(rule) if {
	every key in filters {
		count(workload.list(object.get(rule, key, []))) == 0
	}
}

nothing_recorded(rules) := "it has no rules" if {
	count(rules) == 0
} else := "every rule has level None" if {
	every r in rules {
		r.level == "None"
	}
} else := "its first rule matches every request with level None" if {
	catch_all(rules[0])
	rules[0].level == "None"
}

# METADATA
# title: Audit policy records nothing
# description: |
#   The API server audit Policy has no rules, only rules with level None, or a first rule
#   that matches every request with level None (rules apply in order, first match wins):
#   the API server records no audit event although auditing looks configured.
# related_resources:
# - https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy
# custom:
#   id: TG-K8S-082
#   severity: medium
#   category: audit
#   provider: kubernetes
#   remediation: End the policy with a catch-all rule at level Metadata (or higher), and put the None rules for noisy, harmless requests before it.
#   frameworks:
#     cis-kubernetes-1.8: ["3.2.1", "3.2.2"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "Policy"
	policy := audit_policy
	why := nothing_recorded(policy_rules(policy))
	msg := sprintf("%s records no audit events (%s)", [workload.subject, why])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(policy, "rules"), msg)
}

# Resources whose request or response bodies hold credentials, as [group, resource].
sensitive_resources := {
	["", "secrets"],
	["", "configmaps"],
	["authentication.k8s.io", "tokenreviews"],
}

# matches(rule, group, resource) holds when the rule can match requests on resource.
matches(rule, _, _) if {
	count(workload.list(object.get(rule, "resources", []))) == 0
	count(workload.list(object.get(rule, "nonResourceURLs", []))) == 0
}

matches(rule, group, resource) if {
	some g in workload.list(rule.resources)
	is_object(g)
	object.get(g, "group", "") == group
	names := workload.list(object.get(g, "resources", []))
	resource_listed(names, resource)
	count(workload.list(object.get(g, "resourceNames", []))) == 0
}

resource_listed(names, _) if count(names) == 0

resource_listed(names, resource) if resource in names

resource_listed(names, _) if "*" in names

# catches(rule, group, resource) holds when the rule matches every request on resource.
catches(rule, group, resource) if {
	matches(rule, group, resource)
	every key in ["users", "userGroups", "verbs", "namespaces"] {
		count(workload.list(object.get(rule, key, []))) == 0
	}
}

# recorded_bodies(rules, i) is the set of sensitive resources whose bodies rule i records:
# it matches them at level Request or RequestResponse and no earlier rule catches them.
recorded_bodies(rules, i) := {resource |
	rules[i].level in {"Request", "RequestResponse"}
	some [group, resource] in sensitive_resources
	matches(rules[i], group, resource)
	not caught_before(rules, i, group, resource)
}

caught_before(rules, i, group, resource) if {
	some j, r in rules
	j < i
	catches(r, group, resource)
}

# METADATA
# title: Audit policy records Secret contents
# description: |
#   A rule of the API server audit Policy logs Secrets, ConfigMaps or TokenReviews at level
#   Request or RequestResponse, and no earlier rule catches those requests at Metadata or
#   None: the audit log then holds secret values and bearer tokens in clear text, readable
#   by everyone with access to the logs.
# related_resources:
# - https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy
# custom:
#   id: TG-K8S-083
#   severity: medium
#   category: audit
#   provider: kubernetes
#   remediation: 'Add, before the rule, a rule that logs secrets, configmaps and tokenreviews at level Metadata.'
#   frameworks:
#     cis-kubernetes-1.8: ["3.2.2"]
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "Policy"
	rules := policy_rules(audit_policy)
	some i, rule in rules
	bodies := recorded_bodies(rules, i)
	count(bodies) > 0
	msg := sprintf("%s records the contents of %s (level %s)", [workload.subject, concat(", ", sort(bodies)), rule.level])
	finding := lib.finding(rego.metadata.rule(), lib.loc(rule), msg)
}
