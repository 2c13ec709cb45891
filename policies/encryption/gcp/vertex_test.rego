package tollgate.encryption.gcp.vertex_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.vertex
import rego.v1

path := "ml/workbench.tf"

# resource "google_workbench_instance" "nb" {    # line 1
#   name = "analysis"                           # line 2
#   gce_setup {                                 # line 3
#     boot_disk {                               # line 4
#       kms_key = KEY                           # line 5
#     }                                         # line 6
#     data_disks {                              # line 7
#       kms_key = KEY                           # line 8
#     }                                         # line 9
#   }                                           # line 10
# }                                             # line 11
key := "projects/p/locations/europe-west4/keyRings/r/cryptoKeys/nb"

instance(boot, extra) := fx.resource("google_workbench_instance", "nb", fx.block(path, 1, 11, {"name": "analysis", "gce_setup": [fx.block(path, 3, 10, {
	"boot_disk": [fx.block(path, 4, 6, boot, {"kms_key": 5})],
	"data_disks": [fx.block(path, 7, 9, extra, {"kms_key": 8})],
}, {})]}, {"name": 2}))

test_tg_gcp_141_violation if {
	findings := vertex.deny with input as instance({"kms_key": key}, {})
	some f in findings
	f.rule_id == "TG-GCP-141"
	f.location == fx.span(path, 7, 9)
	f.message == `Workbench instance "nb" data disk is not encrypted with a customer-managed key`
}

test_tg_gcp_141_no_gce_setup if {
	findings := vertex.deny with input as fx.resource("google_workbench_instance", "nb", fx.block(path, 1, 11, {"name": "analysis"}, {"name": 2}))
	some f in findings
	f.rule_id == "TG-GCP-141"
	f.location == fx.span(path, 1, 11)
}

test_tg_gcp_141_compliant if {
	count(vertex.deny) == 0 with input as instance({"kms_key": key}, {"kms_key": key})
	unknown := fx.unknown(fx.block(path, 4, 6, {}, {}), "kms_key", 5)
	count(vertex.deny) == 0 with input as instance({}, {"kms_key": key}) with input.resource.gce_setup as [fx.block(path, 3, 10, {"boot_disk": [unknown]}, {})]
}
