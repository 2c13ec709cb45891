package tollgate.audit.aws.cloudtrail

import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudTrail trail is not multi-region
# description: |
#   is_multi_region_trail is false, or not set (its default is false), on an aws_cloudtrail:
#   API activity in every other region, where an attacker can work unseen, is not recorded.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1
# custom:
#   id: TG-AWS-030
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Set is_multi_region_trail = true.
#   frameworks:
#     cis-aws-2.0: ["3.1"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_cloudtrail"
	r := input.resource
	problem := not_true(r, "is_multi_region_trail")
	msg := sprintf("CloudTrail trail %q is not multi-region (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "is_multi_region_trail"), msg)
}

# METADATA
# title: CloudTrail log file validation is disabled
# description: |
#   enable_log_file_validation is false, or not set (its default is false), on an
#   aws_cloudtrail: without digest files, tampering with or deleting delivered log files
#   cannot be detected.
# related_resources:
# - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4
# custom:
#   id: TG-AWS-031
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Set enable_log_file_validation = true.
#   frameworks:
#     cis-aws-2.0: ["3.2"]
#     nist-800-53: ["AU-9"]
#     pci-dss-4.0: ["10.3.4"]
deny contains finding if {
	input.type == "aws_cloudtrail"
	r := input.resource
	problem := not_true(r, "enable_log_file_validation")
	msg := sprintf("CloudTrail trail %q does not validate its log files (%s)", [input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enable_log_file_validation"), msg)
}

# METADATA
# title: CloudTrail logging is disabled
# description: |
#   enable_logging = false on an aws_cloudtrail: the trail exists but records nothing, which
#   looks like coverage while leaving no audit trail at all.
# related_resources:
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#enable_logging
# custom:
#   id: TG-AWS-032
#   severity: high
#   category: audit
#   provider: aws
#   remediation: Remove enable_logging = false (logging is on by default) or set it to true.
#   frameworks:
#     cis-aws-2.0: ["3.1"]
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_cloudtrail"
	r := input.resource
	disabled(r.enable_logging)
	msg := sprintf("CloudTrail trail %q has logging disabled (enable_logging = false)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enable_logging"), msg)
}

# not_true(r, key) describes a boolean attribute that is false or not set (and not unknown).
not_true(r, key) := sprintf("%s = false", [key]) if {
	disabled(r[key])
} else := sprintf("%s is not set", [key]) if {
	lib.missing(r, key)
}

# lib.is_false is given strings only: on a boolean true it would raise a type error
# when builtin errors are strict.
disabled(v) if v == false

disabled(v) if {
	is_string(v)
	lib.is_false(v)
}
