package tollgate.audit.gcp.compute_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.compute
import rego.v1

path := "compute/main.tf"

# resource "google_compute_instance" "app" {       # line 1
#   name = "app"                                  # line 2
#   shielded_instance_config {                    # line 3
#     enable_secure_boot          = true          # line 4
#     enable_vtpm                 = VTPM          # line 5
#     enable_integrity_monitoring = INTEGRITY     # line 6
#   }                                             # line 7
# }                                               # line 8
instance(fields) := fx.resource("google_compute_instance", "app", fx.block(
	path, 1, 8, {
		"name": "app",
		"shielded_instance_config": [fx.block(path, 3, 7, object.union({"enable_secure_boot": true}, fields), {"enable_secure_boot": 4, "enable_vtpm": 5, "enable_integrity_monitoring": 6})],
	},
	{"name": 2},
))

test_tg_gcp_079_violation if {
	findings := compute.deny with input as instance({"enable_integrity_monitoring": false})
	some f in findings
	f.rule_id == "TG-GCP-079"
	f.location == fx.loc(path, 6)
	f.message == `instance "app" disables Shielded VM integrity monitoring (enable_integrity_monitoring = false)`
}

test_tg_gcp_079_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-079")) == 0 with input as instance({"enable_vtpm": true, "enable_integrity_monitoring": true})
	count(fx.ids(compute.deny, "TG-GCP-079")) == 0 with input as instance({})
}

test_tg_gcp_079_vtpm_fires if {
	findings := compute.deny with input as instance({"enable_vtpm": "false"})
	some f in findings
	f.rule_id == "TG-GCP-079"
	f.location == fx.loc(path, 5)
	f.message == `instance "app" disables Shielded VM vTPM (enable_vtpm = false)`
}

test_tg_gcp_079_notebook_instance_fires if {
	doc := json.patch(instance({"enable_vtpm": false}), [{"op": "replace", "path": "/type", "value": "google_notebooks_instance"}])
	findings := compute.deny with input as doc
	some f in findings
	f.rule_id == "TG-GCP-079"
	f.location == fx.loc(path, 5)
	f.message == `notebook instance "app" disables Shielded VM vTPM (enable_vtpm = false)`
}
