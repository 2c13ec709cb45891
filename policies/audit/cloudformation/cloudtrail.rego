package tollgate.audit.cloudformation.cloudtrail

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation CloudTrail trail is not logging or not multi-region
# description: |
#   On an AWS::CloudTrail::Trail, IsLogging is false (the trail exists but records nothing,
#   which looks like coverage while leaving no audit trail), or IsMultiRegionTrail is false or
#   not set (its default is false: API activity in every other region, where an attacker can
#   work unseen, is not recorded). Each problem is reported on its own property.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
# custom:
#   id: TG-CFN-004
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Set IsLogging to true and IsMultiRegionTrail to true.
#   frameworks:
#     cis-aws-2.0: ["3.1"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "AWS::CloudTrail::Trail"
	some v in trail_problems
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

trail_problems contains v if {
	input.type == "AWS::CloudTrail::Trail"
	p := input.resource.Properties
	disabled(p.IsLogging)
	v := {
		"location": lib.attr_loc(p, "IsLogging"),
		"message": sprintf("CloudTrail trail %q has logging disabled (IsLogging: false)", [input.name]),
	}
}

trail_problems contains v if {
	input.type == "AWS::CloudTrail::Trail"
	p := input.resource.Properties
	problem := not_multi_region(p)
	v := {
		"location": lib.attr_loc(p, "IsMultiRegionTrail"),
		"message": sprintf("CloudTrail trail %q is not multi-region (%s)", [input.name, problem]),
	}
}

not_multi_region(p) := "IsMultiRegionTrail: false" if {
	disabled(p.IsMultiRegionTrail)
} else := "IsMultiRegionTrail is not set" if {
	lib.missing(p, "IsMultiRegionTrail")
}

# lib.is_false is given strings only: on a boolean true it would raise a type error
# when builtin errors are strict.
disabled(v) if v == false

disabled(v) if {
	is_string(v)
	lib.is_false(v)
}
