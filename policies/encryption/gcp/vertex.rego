package tollgate.encryption.gcp.vertex

import data.tollgate.lib
import rego.v1

# METADATA
# title: Vertex AI Workbench instance disks are not encrypted with a customer-managed key
# description: |
#   The gce_setup of a google_workbench_instance has a boot disk, or a data disk, without
#   kms_key (or has no boot_disk block, so the boot disk gets the default Google-managed
#   key): the notebooks, credentials and copies of data on those disks are not protected
#   by a Cloud KMS key you control. Not reported when a value it depends on is unknown.
# related_resources:
# - https://cloud.google.com/vertex-ai/docs/workbench/instances/cmek
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/workbench_instance#kms_key
# custom:
#   id: TG-GCP-141
#   severity: low
#   category: encryption
#   provider: gcp
#   remediation: Set disk_encryption = "CMEK" and kms_key in gce_setup.boot_disk and in every gce_setup.data_disks block (the instance is recreated).
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type == "google_workbench_instance"
	some v in google_managed_disks
	msg := sprintf("Workbench instance %q %s is not encrypted with a customer-managed key", [input.name, v.what])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

google_managed_disks contains {"location": lib.loc(input.resource), "what": "boot disk (no gce_setup)"} if {
	lib.missing(input.resource, "gce_setup")
}

google_managed_disks contains {"location": lib.loc(s), "what": "boot disk (no boot_disk block)"} if {
	some s in input.resource.gce_setup
	lib.missing(s, "boot_disk")
}

google_managed_disks contains {"location": lib.loc(d), "what": what} if {
	some s in input.resource.gce_setup
	some kind in ["boot_disk", "data_disks"]
	some d in s[kind]
	lib.missing(d, "kms_key")
	what := {"boot_disk": "boot disk", "data_disks": "data disk"}[kind]
}
