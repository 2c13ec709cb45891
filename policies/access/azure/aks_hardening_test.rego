package tollgate.access.azure.aks_hardening_test

import data.tollgate.access.azure.aks_hardening
import data.tollgate.access.azure.fixtures_test as fx
import rego.v1

path := "k8s/aks.tf"

# resource "azurerm_kubernetes_cluster" "main" {   # line 1
#   name                 = "aks"                 # line 2
#   azure_policy_enabled = POLICY                # line 3
#   default_node_pool {                          # line 4
#     name                   = "system"          # line 5
#     node_public_ip_enabled = PUBLIC            # line 6
#   }                                            # line 7
# }                                              # line 8
pool(fields) := [fx.block(path, 4, 7, object.union({"name": "system"}, fields), {"name": 5, "node_public_ip_enabled": 6, "enable_node_public_ip": 6})]

cluster(fields) := fx.resource("azurerm_kubernetes_cluster", "main", fx.block(path, 1, 8, object.union({"name": "aks"}, fields), {"name": 2, "azure_policy_enabled": 3}))

compliant := {"azure_policy_enabled": true, "default_node_pool": pool({})}

test_compliant_cluster_has_no_findings if {
	count(aks_hardening.deny) == 0 with input as cluster(compliant)
}

test_tg_az_101_violation if {
	findings := aks_hardening.deny with input as cluster(fx.override(compliant, {"azure_policy_enabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-101"
	f.location == fx.loc(path, 3)
	f.message == `AKS cluster "main" has no Azure Policy add-on (azure_policy_enabled = false)`
	some g in aks_hardening.deny with input as cluster(object.remove(compliant, ["azure_policy_enabled"]))
	g.rule_id == "TG-AZ-101"
	g.location == fx.span(path, 1, 8)
}

test_tg_az_101_compliant if {
	legacy := fx.override(object.remove(compliant, ["azure_policy_enabled"]), {"addon_profile": [fx.block(path, 4, 7, {"azure_policy": [fx.block(path, 5, 6, {"enabled": true}, {"enabled": 6})]}, {})]})
	count(fx.ids(aks_hardening.deny, "TG-AZ-101")) == 0 with input as cluster(legacy)
	unknown := fx.unknown(cluster(compliant).resource, "azure_policy_enabled", 3)
	count(fx.ids(aks_hardening.deny, "TG-AZ-101")) == 0 with input as fx.resource("azurerm_kubernetes_cluster", "main", unknown)
}

test_tg_az_102_violation if {
	findings := aks_hardening.deny with input as cluster(fx.override(compliant, {"default_node_pool": pool({"node_public_ip_enabled": true})}))
	some f in findings
	f.rule_id == "TG-AZ-102"
	f.location == fx.loc(path, 6)
	f.message == `AKS node pool of "main" gives its nodes public IP addresses (node_public_ip_enabled = true)`
	extra := fx.resource("azurerm_kubernetes_cluster_node_pool", "user", fx.block(path, 1, 4, {"enable_node_public_ip": true}, {"enable_node_public_ip": 3}))
	some g in aks_hardening.deny with input as extra
	g.rule_id == "TG-AZ-102"
	g.location == fx.loc(path, 3)
}

test_tg_az_102_compliant if {
	count(fx.ids(aks_hardening.deny, "TG-AZ-102")) == 0 with input as cluster(fx.override(compliant, {"default_node_pool": pool({"node_public_ip_enabled": false})}))
}
