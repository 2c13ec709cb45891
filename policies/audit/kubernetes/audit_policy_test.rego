package tollgate.audit.kubernetes.audit_policy_test

import data.tollgate.access.kubernetes.fixtures_test as fx
import data.tollgate.audit.kubernetes.audit_policy
import rego.v1

# audit_rule(start, body) is a rule of the policy on lines start..start+2.
audit_rule(start, body) := object.union(body, {"__loc": fx.L(start, start + 2, {"level": start})})

#  1 apiVersion: audit.k8s.io/v1
#  2 kind: Policy
#  3 rules:
#  4   - (rule, three lines each)
policy(rules) := fx.doc("Policy", "", {
	"apiVersion": "audit.k8s.io/v1",
	"kind": "Policy",
	"rules": rules,
	"__loc": fx.L(1, 3 + (3 * count(rules)), {"apiVersion": 1, "kind": 2, "rules": [3, 3 + (3 * count(rules))]}),
})

core(resources) := [{"group": "", "resources": resources, "__loc": fx.L(1, 1, {})}]

#  4   - level: None
#  5     users: [system:kube-proxy]
#  6     verbs: [watch]
#  7   - level: Metadata
#  8     resources: [{group: "", resources: [secrets, configmaps]}, {group: authentication.k8s.io, resources: [tokenreviews]}]
#  9
# 10   - level: RequestResponse
# 11
# 12
recommended := [
	audit_rule(4, {"level": "None", "users": ["system:kube-proxy"], "verbs": ["watch"]}),
	audit_rule(7, {"level": "Metadata", "resources": [
		{"group": "", "resources": ["secrets", "configmaps"], "__loc": fx.L(8, 8, {})},
		{"group": "authentication.k8s.io", "resources": ["tokenreviews"], "__loc": fx.L(8, 8, {})},
	]}),
	audit_rule(10, {"level": "RequestResponse"}),
]

test_recommended_policy_is_clean if {
	count(audit_policy.deny) == 0 with input as policy(recommended)
}

test_tg_k8s_082_violation if {
	d := policy([audit_rule(4, {"level": "None"}), audit_rule(7, {"level": "Metadata"})])
	f := fx.only(audit_policy.deny, "TG-K8S-082") with input as d
	f.location == fx.at(3, 9)
	f.message == `Policy in "k8s/app.yaml" records no audit events (its first rule matches every request with level None)`
}

test_tg_k8s_082_compliant if {
	count(fx.ids(audit_policy.deny, "TG-K8S-082")) == 0 with input as policy(recommended)
	d := policy([audit_rule(4, {"level": "None", "resources": core(["events"])}), audit_rule(7, {"level": "Metadata"})])
	count(fx.ids(audit_policy.deny, "TG-K8S-082")) == 0 with input as d
}

test_tg_k8s_082_only_none_and_empty if {
	f := fx.only(audit_policy.deny, "TG-K8S-082") with input as policy([audit_rule(4, {"level": "None", "verbs": ["get"]})])
	f.message == `Policy in "k8s/app.yaml" records no audit events (every rule has level None)`
	g := fx.only(audit_policy.deny, "TG-K8S-082") with input as policy([])
	g.message == `Policy in "k8s/app.yaml" records no audit events (it has no rules)`
}

test_tg_k8s_083_violation if {
	d := policy([audit_rule(4, {"level": "None", "users": ["system:kube-proxy"]}), audit_rule(7, {"level": "RequestResponse"})])
	f := fx.only(audit_policy.deny, "TG-K8S-083") with input as d
	f.location == fx.at(7, 9)
	f.message == `Policy in "k8s/app.yaml" records the contents of configmaps, secrets, tokenreviews (level RequestResponse)`
}

test_tg_k8s_083_compliant if {
	count(fx.ids(audit_policy.deny, "TG-K8S-083")) == 0 with input as policy(recommended)
}

test_tg_k8s_083_restricted_earlier_rule_does_not_shield if {
	d := policy([
		audit_rule(4, {"level": "Metadata", "resources": core(["secrets"]), "namespaces": ["shop"]}),
		audit_rule(7, {"level": "Request", "resources": core(["secrets", "pods"])}),
	])
	f := fx.only(audit_policy.deny, "TG-K8S-083") with input as d
	f.message == `Policy in "k8s/app.yaml" records the contents of secrets (level Request)`
}

test_tg_k8s_083_named_resources_and_other_groups if {
	named := [{"group": "", "resources": ["secrets"], "resourceNames": ["public-ca"], "__loc": fx.L(5, 5, {})}]
	count(audit_policy.deny) == 0 with input as policy([audit_rule(4, {"level": "Request", "resources": named}), audit_rule(7, {"level": "Metadata"})])
	apps := [{"group": "apps", "resources": ["deployments"], "__loc": fx.L(5, 5, {})}]
	count(audit_policy.deny) == 0 with input as policy([audit_rule(4, {"level": "RequestResponse", "resources": apps}), audit_rule(7, {"level": "Metadata"})])
}

test_other_policy_kinds_ignored if {
	d := json.patch(policy([]), [{"op": "replace", "path": "/resource/apiVersion", "value": "kyverno.io/v1"}])
	count(audit_policy.deny) == 0 with input as d
}
