package tollgate.audit.azure.aks_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.aks
import rego.v1

path := "k8s/aks.tf"

# resource "azurerm_kubernetes_cluster" "main" {   # line 1
#   name       = "acme-aks"                       # line 2
#   dns_prefix = "acme"                           # line 3
#   oms_agent {                                   # line 4
#     log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id   # line 5 (unknown)
#   }                                             # line 6
# }                                               # line 7
oms_agent := [fx.unknown(fx.block(path, 4, 6, {}, {}), "log_analytics_workspace_id", 5)]

cluster_body(fields) := fx.block(path, 1, 7, object.union({"name": "acme-aks", "dns_prefix": "acme"}, fields), {"name": 2, "dns_prefix": 3})

cluster(fields) := fx.resource("azurerm_kubernetes_cluster", "main", cluster_body(fields))

# resource "azurerm_monitor_diagnostic_setting" "aks" {   # line 10
#   target_resource_id = azurerm_kubernetes_cluster.main.id   # line 11 (unknown)
#   enabled_log {                                      # line 12
#     category = CATEGORY                              # line 13
#   }                                                  # line 14
# }                                                    # line 15
audit_setting(category) := fx.unknown(fx.block("k8s/monitor.tf", 10, 15, {"enabled_log": [fx.block("k8s/monitor.tf", 12, 14, {"category": category}, {"category": 13})]}, {}), "target_resource_id", 11)

audited(doc) := fx.related(doc, {"azurerm_monitor_diagnostic_setting": [audit_setting("kube-audit-admin")]})

test_tg_az_076_violation if {
	findings := aks.deny with input as audited(cluster({}))
	some f in findings
	f.rule_id == "TG-AZ-076"
	f.location == fx.span(path, 1, 7)
	f.message == `AKS cluster "main" has no Container Insights monitoring (no oms_agent block)`
}

test_tg_az_076_compliant if {
	count(aks.deny) == 0 with input as audited(cluster({"oms_agent": oms_agent}))
}

test_tg_az_076_dynamic_block_does_not_fire if {
	body := fx.unknown(cluster_body({}), "oms_agent", 4)
	count(fx.ids(aks.deny, "TG-AZ-076")) == 0 with input as fx.resource("azurerm_kubernetes_cluster", "main", body)
}

test_tg_az_078_violation if {
	findings := aks.deny with input as cluster({"oms_agent": oms_agent})
	some f in findings
	f.rule_id == "TG-AZ-078"
	f.location == fx.span(path, 1, 7)
	f.message == `AKS cluster "main" has no diagnostic setting collecting its kube-audit logs`
}

test_tg_az_078_compliant if {
	count(fx.ids(aks.deny, "TG-AZ-078")) == 0 with input as audited(cluster({"oms_agent": oms_agent}))
}

test_tg_az_078_other_categories_fire if {
	doc := fx.related(cluster({"oms_agent": oms_agent}), {"azurerm_monitor_diagnostic_setting": [audit_setting("kube-apiserver")]})
	count(fx.ids(aks.deny, "TG-AZ-078")) == 1 with input as doc
}
