package tollgate.audit.azure.network_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.network
import rego.v1

path := "network/flowlogs.tf"

# resource "azurerm_network_watcher_flow_log" "web" {   # line 1
#   name                 = "web-nsg"                   # line 2
#   network_watcher_name = "NetworkWatcher_westeurope" # line 3
#   target_resource_id   = azurerm_network_security_group.web.id   # line 4 (unknown)
#   enabled              = ENABLED                     # line 5
#   retention_policy {                                 # line 6
#     enabled = RETAIN                                 # line 7
#     days    = DAYS                                   # line 8
#   }                                                  # line 9
# }                                                    # line 10
flow_log(enabled, retention) := fx.resource("azurerm_network_watcher_flow_log", "web", fx.unknown(
	fx.block(
		path, 1, 10,
		{"name": "web-nsg", "network_watcher_name": "NetworkWatcher_westeurope", "enabled": enabled, "retention_policy": [fx.block(path, 6, 9, retention, {"enabled": 7, "days": 8})]},
		{"name": 2, "network_watcher_name": 3, "enabled": 5},
	),
	"target_resource_id", 4,
))

test_tg_az_075_violation if {
	findings := network.deny with input as flow_log(true, {"enabled": true, "days": 30})
	some f in findings
	f.rule_id == "TG-AZ-075"
	f.location == fx.loc(path, 8)
	f.message == `flow log "web" keeps records 30 days, fewer than 90`
}

test_tg_az_075_compliant if {
	count(fx.ids(network.deny, "TG-AZ-075")) == 0 with input as flow_log(true, {"enabled": true, "days": 365})
	count(fx.ids(network.deny, "TG-AZ-075")) == 0 with input as flow_log(true, {"enabled": true, "days": 0})
}

test_tg_az_075_disabled_fires if {
	findings := network.deny with input as flow_log(false, {"enabled": true, "days": 365})
	some f in findings
	f.rule_id == "TG-AZ-075"
	f.location == fx.loc(path, 5)
	f.message == `flow log "web" is disabled (enabled = false)`
	count(fx.ids(network.deny, "TG-AZ-075")) == 1 with input as flow_log(false, {"enabled": false, "days": 7})
}

test_tg_az_075_retention_disabled_fires if {
	findings := network.deny with input as flow_log(true, {"enabled": false, "days": 0})
	some f in findings
	f.rule_id == "TG-AZ-075"
	f.location == fx.loc(path, 7)
	f.message == `flow log "web" does not retain its records (retention_policy enabled = false)`
}
