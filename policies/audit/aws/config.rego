package tollgate.audit.aws.config

import data.tollgate.lib
import rego.v1

# METADATA
# title: AWS Config recording is turned off
# description: |
#   is_enabled = false on an aws_config_configuration_recorder_status: AWS Config
#   records no configuration changes, so there is no history of who changed a security
#   group, a bucket policy or an IAM role, and Config rules evaluate nothing.
# related_resources:
# - https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1
# custom:
#   id: TG-AWS-184
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Set is_enabled = true, with a delivery channel, in every region.
#   frameworks:
#     cis-aws-2.0: ["3.5"]
#     nist-800-53: ["CM-3", "CM-8"]
#     soc2: ["CC7.1"]
deny contains finding if {
	input.type == "aws_config_configuration_recorder_status"
	r := input.resource
	lib.is_false(r.is_enabled)
	msg := sprintf("AWS Config recorder status %q turns recording off (is_enabled = false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "is_enabled"), msg)
}

# METADATA
# title: AWS Config recorder does not record all resource types
# description: |
#   The recording_group of an aws_config_configuration_recorder sets all_supported =
#   false: only the listed resource types are recorded, and every type left out, or
#   added by AWS later, changes without a trace.
# related_resources:
# - https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_recorder#recording_group
# custom:
#   id: TG-AWS-187
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set all_supported = true (and include_global_resource_types = true in one region) in recording_group.
#   frameworks:
#     cis-aws-2.0: ["3.5"]
#     nist-800-53: ["CM-8"]
#     soc2: ["CC7.1"]
deny contains finding if {
	input.type == "aws_config_configuration_recorder"
	some group in input.resource.recording_group
	lib.is_false(group.all_supported)
	msg := sprintf("AWS Config recorder %q does not record all resource types (recording_group all_supported = false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(group, "all_supported"), msg)
}

# METADATA
# title: AWS Config aggregator does not cover all regions
# description: |
#   The account_aggregation_source or organization_aggregation_source of an
#   aws_config_configuration_aggregator does not set all_regions = true (it lists regions,
#   or the default, false, applies): resources created in any other region, including
#   regions enabled later, are missing from the aggregated inventory and compliance view,
#   which is where resources launched in an unused region would be noticed.
# related_resources:
# - https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/config_configuration_aggregator
# custom:
#   id: TG-AWS-255
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set all_regions = true in the aggregation source (and remove regions).
#   frameworks:
#     nist-800-53: ["CM-8", "SI-4"]
#     soc2: ["CC7.1"]
deny contains finding if {
	input.type == "aws_config_configuration_aggregator"
	r := input.resource
	some kind in ["account_aggregation_source", "organization_aggregation_source"]
	some src in r[kind]
	not lib.unknown(src, "all_regions")
	not lib.is_true(object.get(src, "all_regions", false))
	msg := sprintf("AWS Config aggregator %q does not aggregate all regions (%s all_regions = %v)", [input.name, kind, object.get(src, "all_regions", false)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(src, "all_regions"), msg)
}
