package tollgate.audit.gcp.compute

import data.tollgate.lib
import rego.v1

kinds := {
	"google_compute_instance": "instance",
	"google_compute_instance_template": "instance template",
	"google_compute_region_instance_template": "instance template",
	"google_notebooks_instance": "notebook instance",
}

shielded_settings := {"enable_vtpm": "vTPM", "enable_integrity_monitoring": "integrity monitoring"}

# METADATA
# title: Shielded VM vTPM or integrity monitoring is disabled
# description: |
#   shielded_instance_config of a google_compute_instance, instance template or Vertex AI
#   user-managed notebook (google_notebooks_instance) sets enable_vtpm or
#   enable_integrity_monitoring to false: the VM's boot sequence is no longer measured and
#   compared with its baseline, so a bootkit or rootkit that changes the boot chain goes
#   undetected.
# related_resources:
# - https://cloud.google.com/compute/shielded-vm/docs/shielded-vm
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#shielded_instance_config
# custom:
#   id: TG-GCP-079
#   severity: low
#   category: audit
#   provider: gcp
#   remediation: Remove the false settings (both default to true) and also set enable_secure_boot = true where the image supports it.
#   frameworks:
#     cis-gcp-2.0: ["4.8"]
#     nist-800-53: ["SI-7"]
#     soc2: ["CC7.1"]
deny contains finding if {
	input.type in {
		"google_compute_instance",
		"google_compute_instance_template",
		"google_compute_region_instance_template",
		"google_notebooks_instance",
	}
	some config in input.resource.shielded_instance_config
	some key, feature in shielded_settings
	lib.is_false(config[key])
	msg := sprintf("%s %q disables Shielded VM %s (%s = false)", [kinds[input.type], input.name, feature, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, key), msg)
}
