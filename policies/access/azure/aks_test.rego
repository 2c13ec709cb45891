package tollgate.access.azure.aks_test

import data.tollgate.access.azure.aks
import data.tollgate.access.azure.fixtures_test as fx
import rego.v1

path := "k8s/aks.tf"

# resource "azurerm_kubernetes_cluster" "main" {        # line 1
#   name                              = "acme-aks"     # line 2
#   dns_prefix                        = "acme"         # line 3
#   role_based_access_control_enabled = RBAC           # line 4
#   private_cluster_enabled           = PRIVATE        # line 5
#   local_account_disabled            = NO_LOCAL       # line 6
#   api_server_authorized_ip_ranges   = RANGES (v3)    # line 7
#   api_server_access_profile {                        # line 8
#     authorized_ip_ranges = RANGES                    # line 9
#   }                                                  # line 10
#   role_based_access_control {                        # line 11 (azurerm v2)
#     enabled = RBAC                                   # line 12
#   }                                                  # line 13
# }                                                    # line 14
cluster_body(fields) := fx.block(path, 1, 14, object.union({"name": "acme-aks", "dns_prefix": "acme"}, fields), {
	"name": 2, "dns_prefix": 3, "role_based_access_control_enabled": 4,
	"private_cluster_enabled": 5, "local_account_disabled": 6, "api_server_authorized_ip_ranges": 7,
})

cluster(fields) := fx.resource("azurerm_kubernetes_cluster", "main", cluster_body(fields))

profile(ranges) := [fx.block(path, 8, 10, {"authorized_ip_ranges": ranges}, {"authorized_ip_ranges": 9})]

compliant := {
	"role_based_access_control_enabled": true,
	"local_account_disabled": true,
	"api_server_access_profile": profile(["198.51.100.0/24"]),
}

test_compliant_cluster_has_no_findings if {
	count(aks.deny) == 0 with input as cluster(compliant)
}

test_tg_az_011_violation if {
	findings := aks.deny with input as cluster(object.union(compliant, {"role_based_access_control_enabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-011"
	f.location == fx.loc(path, 4)
	f.message == `AKS cluster "main" has Kubernetes RBAC disabled (role_based_access_control_enabled = false)`
}

test_tg_az_011_compliant if {
	count(fx.ids(aks.deny, "TG-AZ-011")) == 0 with input as cluster(compliant)
	count(fx.ids(aks.deny, "TG-AZ-011")) == 0 with input as cluster(object.remove(compliant, ["role_based_access_control_enabled"]))
}

test_tg_az_011_v2_block_fires if {
	block := [fx.block(path, 11, 13, {"enabled": false}, {"enabled": 12})]
	findings := aks.deny with input as cluster(object.union(object.remove(compliant, ["role_based_access_control_enabled"]), {"role_based_access_control": block}))
	some f in findings
	f.rule_id == "TG-AZ-011"
	f.location == fx.loc(path, 12)
}

test_tg_az_012_violation if {
	findings := aks.deny with input as cluster(object.remove(compliant, ["api_server_access_profile"]))
	some f in findings
	f.rule_id == "TG-AZ-012"
	f.location == fx.span(path, 1, 14)
	f.message == `AKS cluster "main" exposes its API server to the internet (not a private cluster and no authorized IP ranges)`
}

test_tg_az_012_compliant if {
	count(fx.ids(aks.deny, "TG-AZ-012")) == 0 with input as cluster(compliant)
	private := object.union(object.remove(compliant, ["api_server_access_profile"]), {"private_cluster_enabled": true})
	count(fx.ids(aks.deny, "TG-AZ-012")) == 0 with input as cluster(private)
	v3 := object.union(object.remove(compliant, ["api_server_access_profile"]), {"api_server_authorized_ip_ranges": ["203.0.113.0/24"]})
	count(fx.ids(aks.deny, "TG-AZ-012")) == 0 with input as cluster(v3)
}

test_tg_az_012_open_range_fires if {
	findings := aks.deny with input as cluster(object.union(compliant, {"api_server_access_profile": profile(["10.0.0.0/8", "0.0.0.0/0"])}))
	some f in findings
	f.rule_id == "TG-AZ-012"
	f.location == fx.loc(path, 9)
	f.message == `AKS cluster "main" exposes its API server to the internet (authorized IP ranges include 0.0.0.0/0)`
}

test_tg_az_012_profile_without_ranges_fires if {
	profile_only := [fx.block(path, 8, 10, {}, {})]
	count(fx.ids(aks.deny, "TG-AZ-012")) == 1 with input as cluster(object.union(compliant, {"api_server_access_profile": profile_only}))
}

# authorized_ip_ranges = [var.office] with no value for var.office reaches the rule as [].
test_tg_az_012_empty_list_does_not_fire if {
	count(fx.ids(aks.deny, "TG-AZ-012")) == 0 with input as cluster(object.union(compliant, {"api_server_access_profile": profile([])}))
}

test_tg_az_012_unknown_does_not_fire if {
	open := object.remove(compliant, ["api_server_access_profile"])
	private := fx.unknown(cluster_body(open), "private_cluster_enabled", 5)
	count(fx.ids(aks.deny, "TG-AZ-012")) == 0 with input as fx.resource("azurerm_kubernetes_cluster", "main", private)
	ranges := fx.unknown(cluster_body(open), "api_server_authorized_ip_ranges", 7)
	count(fx.ids(aks.deny, "TG-AZ-012")) == 0 with input as fx.resource("azurerm_kubernetes_cluster", "main", ranges)
	profile_ranges := [fx.unknown(profile([])[0], "authorized_ip_ranges", 9)]
	in_profile := cluster(object.union(open, {"api_server_access_profile": profile_ranges}))
	count(fx.ids(aks.deny, "TG-AZ-012")) == 0 with input as in_profile
}

test_tg_az_013_violation if {
	findings := aks.deny with input as cluster(object.union(compliant, {"local_account_disabled": false}))
	some f in findings
	f.rule_id == "TG-AZ-013"
	f.location == fx.loc(path, 6)
	f.message == `AKS cluster "main" allows local accounts (local_account_disabled = false)`
}

test_tg_az_013_compliant if {
	count(fx.ids(aks.deny, "TG-AZ-013")) == 0 with input as cluster(compliant)
}

test_tg_az_013_default_fires if {
	findings := aks.deny with input as cluster(object.remove(compliant, ["local_account_disabled"]))
	some f in findings
	f.rule_id == "TG-AZ-013"
	f.location == fx.span(path, 1, 14)
	f.message == `AKS cluster "main" allows local accounts (local_account_disabled not set, default false)`
}

test_tg_az_013_unknown_does_not_fire if {
	body := fx.unknown(cluster_body(compliant), "local_account_disabled", 6)
	count(fx.ids(aks.deny, "TG-AZ-013")) == 0 with input as fx.resource("azurerm_kubernetes_cluster", "main", body)
}
