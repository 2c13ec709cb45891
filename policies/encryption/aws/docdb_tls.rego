package tollgate.encryption.aws.docdb_tls

import data.tollgate.lib
import rego.v1

# METADATA
# title: DocumentDB parameter group disables TLS
# description: |
#   An aws_docdb_cluster_parameter_group sets the tls parameter to "disabled": the clusters
#   that use it accept unencrypted connections, so credentials and documents cross the
#   network in clear text. The engine's default is "enabled".
# related_resources:
# - https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/docdb_cluster_parameter_group
# custom:
#   id: TG-AWS-465
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Remove the tls parameter or set it to "enabled" (or "tls1.2+"/"tls1.3+"); clusters pick the change up at their next reboot.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_docdb_cluster_parameter_group"
	some p in object.get(input.resource, "parameter", [])
	p.name == "tls"
	is_string(p.value)
	lower(p.value) == "disabled"
	msg := sprintf("DocumentDB cluster parameter group %q disables TLS (tls = %q)", [input.name, p.value])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "value"), msg)
}
