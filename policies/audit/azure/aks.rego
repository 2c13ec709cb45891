package tollgate.audit.azure.aks

import data.tollgate.audit.azure.diagnostics
import data.tollgate.lib
import rego.v1

# METADATA
# title: AKS cluster has no Container Insights monitoring
# description: |
#   An azurerm_kubernetes_cluster has no oms_agent block: container logs, node and pod
#   metrics and Kubernetes events are not collected into Log Analytics, so suspicious
#   workloads and crashes leave no trace once pods are gone. Not reported when the block
#   is dynamic.
# related_resources:
# - https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-overview
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#oms_agent
# custom:
#   id: TG-AZ-076
#   severity: low
#   category: audit
#   provider: azure
#   remediation: Add oms_agent { log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id, msi_auth_for_monitoring_enabled = true }.
#   frameworks:
#     nist-800-53: ["AU-12", "SI-4"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_kubernetes_cluster"
	r := input.resource
	no_block(r, "oms_agent")
	msg := sprintf("AKS cluster %q has no Container Insights monitoring (no oms_agent block)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []

# Control plane log categories that record Kubernetes API requests.
audit_categories := {"kube-audit", "kube-audit-admin"}

# METADATA
# title: AKS control plane audit logs are not collected
# description: |
#   No azurerm_monitor_diagnostic_setting that refers to the azurerm_kubernetes_cluster
#   collects its kube-audit or kube-audit-admin logs (or the audit or allLogs category
#   group): who read secrets, created pods or changed role bindings through the
#   Kubernetes API is not recorded. Not reported when what a diagnostic setting collects
#   is unknown.
# related_resources:
# - https://learn.microsoft.com/azure/aks/monitor-aks#aks-control-planeresource-logs
# - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_diagnostic_setting
# custom:
#   id: TG-AZ-078
#   severity: medium
#   category: audit
#   provider: azure
#   remediation: Add an azurerm_monitor_diagnostic_setting with target_resource_id = the cluster's id, a Log Analytics workspace destination and enabled_log { category = "kube-audit-admin" } (or category_group = "audit").
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "azurerm_kubernetes_cluster"
	not diagnostics.collects(audit_categories)
	not diagnostics.undetermined
	msg := sprintf("AKS cluster %q has no diagnostic setting collecting its kube-audit logs", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
