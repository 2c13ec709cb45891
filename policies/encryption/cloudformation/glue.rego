package tollgate.encryption.cloudformation.glue

import data.tollgate.lib
import rego.v1

# The property naming the security configuration of each Glue component.
security_property := {
	"AWS::Glue::Job": ["SecurityConfiguration", "Glue job"],
	"AWS::Glue::Crawler": ["CrawlerSecurityConfiguration", "Glue crawler"],
	"AWS::Glue::DevEndpoint": ["SecurityConfiguration", "Glue development endpoint"],
}

# METADATA
# title: CloudFormation Glue job, crawler or endpoint has no security configuration
# description: |
#   An AWS::Glue::Job or AWS::Glue::DevEndpoint names no SecurityConfiguration, or an
#   AWS::Glue::Crawler no CrawlerSecurityConfiguration: the data it writes to S3, its
#   CloudWatch logs and its job bookmarks are not encrypted by Glue with a KMS key.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-job.html#cfn-glue-job-securityconfiguration
# - https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html
# custom:
#   id: TG-CFN-147
#   severity: medium
#   category: encryption
#   provider: aws
#   remediation: Create an AWS::Glue::SecurityConfiguration that encrypts S3 data, CloudWatch logs and job bookmarks with KMS, and name it in SecurityConfiguration (CrawlerSecurityConfiguration for crawlers).
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"AWS::Glue::Job", "AWS::Glue::Crawler", "AWS::Glue::DevEndpoint"}
	[key, kind] := security_property[input.type]
	p := input.resource.Properties
	lib.missing(p, key)
	msg := sprintf("%s %q has no security configuration (%s is not set)", [kind, input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.loc(p), msg)
}
