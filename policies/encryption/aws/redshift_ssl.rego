package tollgate.encryption.aws.redshift_ssl

import data.tollgate.lib
import rego.v1

# METADATA
# title: Redshift parameter group does not require SSL
# description: |
#   An aws_redshift_parameter_group leaves require_ssl unset (its default is false) or sets
#   it to false: the clusters that use it accept unencrypted client connections, so
#   credentials and query results may cross the network in clear text.
# related_resources:
# - https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_parameter_group
# custom:
#   id: TG-AWS-467
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Add parameter { name = "require_ssl", value = "true" } and use the group on the cluster (cluster_parameter_group_name).
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_redshift_parameter_group"
	some v in problems
	msg := sprintf("Redshift parameter group %q does not require SSL (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

params := object.get(input.resource, "parameter", [])

problems contains v if {
	some p in params
	p.name == "require_ssl"
	not lib.unknown(p, "value")
	not lib.is_true(p.value)
	v := {"text": sprintf("require_ssl = %v", [p.value]), "location": lib.attr_loc(p, "value")}
}

problems contains v if {
	not lib.unknown(input.resource, "parameter")
	not names_require_ssl
	v := {"text": "require_ssl is not set, default false", "location": lib.loc(input.resource)}
}

names_require_ssl if {
	some p in params
	p.name == "require_ssl"
}

names_require_ssl if {
	some p in params
	not is_string(object.get(p, "name", null))
}
