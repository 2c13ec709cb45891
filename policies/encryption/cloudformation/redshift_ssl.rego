package tollgate.encryption.cloudformation.redshift_ssl

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Redshift parameter group does not require SSL
# description: |
#   The Parameters of an AWS::Redshift::ClusterParameterGroup do not set require_ssl to true
#   (its default is false): clusters using the group accept client connections, queries,
#   results and credentials in clear text. A parameter list the template does not fully
#   decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshift-clusterparametergroup.html
# - https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html
# custom:
#   id: TG-CFN-146
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Add the parameter require_ssl with ParameterValue "true" to the cluster parameter group, and attach the group to the cluster.
#   frameworks:
#     nist-800-53: ["SC-8"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
deny contains finding if {
	input.type == "AWS::Redshift::ClusterParameterGroup"
	p := input.resource.Properties
	v := ssl_optional(p)
	msg := sprintf("Redshift parameter group %q does not require SSL (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

ssl_optional(p) := {"text": sprintf("require_ssl = %v", [param.ParameterValue]), "location": lib.loc(param)} if {
	some param in p.Parameters
	param.ParameterName == "require_ssl"
	lib.is_false(param.ParameterValue)
} else := {"text": "require_ssl is not set, default false", "location": where(p)} if {
	not lib.unknown(p, "Parameters")
	not mentioned(object.get(p, "Parameters", []))
}

where(p) := lib.attr_loc(p, "Parameters") if _ = p.Parameters

else := lib.loc(p)

mentioned(params) if {
	some param in params
	param.ParameterName == "require_ssl"
}

mentioned(params) if {
	some param in params
	is_object(param)
	lib.unknown(param, "ParameterName")
}
