package tollgate.audit.azure.monitor_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.monitor
import rego.v1

path := "monitor/profile.tf"

# resource "azurerm_monitor_log_profile" "activity" {   # line 1
#   name       = "default"                            # line 2
#   categories = CATEGORIES                           # line 3
#   locations  = LOCATIONS                            # line 4
#   retention_policy {                                # line 5
#     enabled = ENABLED                               # line 6
#     days    = DAYS                                  # line 7
#   }                                                 # line 8
# }                                                   # line 9
retention(fields) := [fx.block(path, 5, 8, fields, {"enabled": 6, "days": 7})]

profile(fields) := fx.resource("azurerm_monitor_log_profile", "activity", fx.block(path, 1, 9, object.union({"name": "default"}, fields), {"name": 2, "categories": 3, "locations": 4}))

compliant := {
	"categories": ["Action", "Delete", "Write"],
	"locations": [l | some l in monitor.required_locations],
	"retention_policy": retention({"enabled": true, "days": 365}),
}

test_compliant_profile_has_no_findings if {
	count(monitor.deny) == 0 with input as profile(compliant)
}

test_tg_az_096_violation if {
	findings := monitor.deny with input as profile(fx.override(compliant, {"retention_policy": retention({"enabled": true, "days": 90})}))
	some f in findings
	f.rule_id == "TG-AZ-096"
	f.location == fx.loc(path, 7)
	f.message == `Log profile "activity" keeps the activity log 90 days, less than 365`
}

test_tg_az_096_missing_block_fires if {
	findings := monitor.deny with input as profile(object.remove(compliant, ["retention_policy"]))
	some f in findings
	f.rule_id == "TG-AZ-096"
	f.location == fx.span(path, 1, 9)
}

test_tg_az_096_compliant if {
	# 0 days and a disabled policy keep the activity log forever.
	count(fx.ids(monitor.deny, "TG-AZ-096")) == 0 with input as profile(fx.override(compliant, {"retention_policy": retention({"enabled": true, "days": 0})}))
	count(fx.ids(monitor.deny, "TG-AZ-096")) == 0 with input as profile(fx.override(compliant, {"retention_policy": retention({"enabled": false, "days": 30})}))
	count(fx.ids(monitor.deny, "TG-AZ-096")) == 0 with input as profile(fx.override(compliant, {"retention_policy": retention({"enabled": true, "days": 730})}))
	unknown := fx.unknown(profile(compliant).resource, "retention_policy", 5)
	count(fx.ids(monitor.deny, "TG-AZ-096")) == 0 with input as fx.resource("azurerm_monitor_log_profile", "activity", unknown)
}

test_tg_az_097_violation if {
	findings := monitor.deny with input as profile(fx.override(compliant, {"categories": ["Write"]}))
	some f in findings
	f.rule_id == "TG-AZ-097"
	f.location == fx.loc(path, 3)
	f.message == `Log profile "activity" does not capture the activity categories Action, Delete`
}

test_tg_az_097_compliant if {
	count(fx.ids(monitor.deny, "TG-AZ-097")) == 0 with input as profile(compliant)
	unknown := fx.unknown(profile(compliant).resource, "categories", 3)
	count(fx.ids(monitor.deny, "TG-AZ-097")) == 0 with input as fx.resource("azurerm_monitor_log_profile", "activity", unknown)
}

test_tg_az_098_violation if {
	findings := monitor.deny with input as profile(fx.override(compliant, {"locations": ["westeurope", "global"]}))
	some f in findings
	f.rule_id == "TG-AZ-098"
	f.location == fx.loc(path, 4)
	startswith(f.message, `Log profile "activity" does not export the activity log of 66 locations (`)
	few := [l | some l in monitor.required_locations; l != "eastus"]
	some g in monitor.deny with input as profile(fx.override(compliant, {"locations": few}))
	g.rule_id == "TG-AZ-098"
	g.message == `Log profile "activity" does not export the activity log of location eastus`
}

test_tg_az_098_compliant if {
	upper := [upper(l) | some l in monitor.required_locations]
	count(fx.ids(monitor.deny, "TG-AZ-098")) == 0 with input as profile(fx.override(compliant, {"locations": upper}))
	unknown := fx.unknown(profile(compliant).resource, "locations", 4)
	count(fx.ids(monitor.deny, "TG-AZ-098")) == 0 with input as fx.resource("azurerm_monitor_log_profile", "activity", unknown)
}
