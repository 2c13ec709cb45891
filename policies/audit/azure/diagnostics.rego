# METADATA
# title: Diagnostic setting helpers for the Azure audit rules
# description: |
#   Resource logs of Azure services go to a Log Analytics workspace, a storage account or
#   an event hub only through an azurerm_monitor_diagnostic_setting whose
#   target_resource_id refers to the resource; the scanner lists those settings in
#   input.related. These helpers tell whether one of them collects given log categories.
package tollgate.audit.azure.diagnostics

import data.tollgate.lib
import rego.v1

# Category groups that include every audit category of a service.
audit_groups := {"audit", "allLogs"}

# settings are the diagnostic settings that refer to the resource under evaluation.
settings := object.get(input, ["related", "azurerm_monitor_diagnostic_setting"], [])

# collects(categories) holds when a diagnostic setting of the resource collects one of
# categories, or a category group that includes them all.
collects(categories) if {
	some setting in settings
	some log in setting.enabled_log
	log_selects(log, categories)
}

# azurerm v3 form: log { category = ..., enabled = true }.
collects(categories) if {
	some setting in settings
	some log in setting.log
	not lib.is_false(object.get(log, "enabled", true))
	log_selects(log, categories)
}

log_selects(log, categories) if log.category in categories

log_selects(log, _) if log.category_group in audit_groups

# undetermined holds when what a diagnostic setting collects is not known statically
# (dynamic blocks, categories from variables without values), or whether one refers to
# the resource at all (a plan's resources name no references: input.related_unknown).
undetermined if input.related_unknown == true

undetermined if {
	some setting in settings
	some key in ["enabled_log", "log"]
	lib.unknown(setting, key)
}

undetermined if {
	some setting in settings
	some key in ["enabled_log", "log"]
	some log in setting[key]
	some attr in ["category", "category_group"]
	lib.unknown(log, attr)
}
