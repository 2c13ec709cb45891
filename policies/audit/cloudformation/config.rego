package tollgate.audit.cloudformation.config

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation Config aggregator does not collect from every region
# description: |
#   The OrganizationAggregationSource, or an entry of the AccountAggregationSources, of an
#   AWS::Config::ConfigurationAggregator does not set AllAwsRegions to true (the default is
#   false; AwsRegions then lists the regions collected): resources created in the other
#   regions, often the ones nobody watches, are missing from the aggregated inventory and
#   compliance view.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-config-configurationaggregator.html
# - https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html
# custom:
#   id: TG-CFN-148
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set AllAwsRegions to true in the aggregation source (instead of listing AwsRegions).
#   frameworks:
#     nist-800-53: ["CM-8", "SI-4"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "AWS::Config::ConfigurationAggregator"
	some source in sources
	v := partial(source)
	msg := sprintf("Config aggregator %q does not collect from every region (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

sources contains s if {
	s := input.resource.Properties.OrganizationAggregationSource
	is_object(s)
}

sources contains s if {
	some s in input.resource.Properties.AccountAggregationSources
	is_object(s)
}

partial(s) := {"text": "AllAwsRegions: false", "location": lib.attr_loc(s, "AllAwsRegions")} if {
	lib.is_false(s.AllAwsRegions)
} else := {"text": "AllAwsRegions is not set, default false", "location": lib.loc(s)} if {
	lib.missing(s, "AllAwsRegions")
}
