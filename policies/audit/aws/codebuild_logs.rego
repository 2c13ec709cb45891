package tollgate.audit.aws.codebuild_logs

import data.tollgate.lib
import rego.v1

# METADATA
# title: CodeBuild project keeps no build logs
# description: |
#   The logs_config of an aws_codebuild_project turns CloudWatch logs off (cloudwatch_logs
#   { status = "DISABLED" }) and does not turn S3 logs on (s3_logs { status = "ENABLED" };
#   the provider's default for S3 is DISABLED): the project's builds leave no log, so what a
#   build ran, fetched and published cannot be reviewed after a compromised dependency or a
#   leaked token. Without a logs_config, or without a cloudwatch_logs block, CodeBuild sends
#   the logs to CloudWatch (status ENABLED by default), which this rule accepts.
# related_resources:
# - https://docs.aws.amazon.com/codebuild/latest/userguide/change-project-console-logs.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/codebuild-controls.html#codebuild-4
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/codebuild_project#logs_config
# custom:
#   id: TG-AWS-591
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: 'Remove status = "DISABLED" from logs_config { cloudwatch_logs } (CloudWatch logging is on by default), or add s3_logs { status = "ENABLED" location = "<bucket>/<prefix>" }.'
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_codebuild_project"
	some lc in blocks(input.resource, "logs_config")
	some cw in blocks(lc, "cloudwatch_logs")
	cw.status == "DISABLED"
	no_s3_logs(lc)
	msg := sprintf("CodeBuild project %q keeps no build logs (cloudwatch_logs status = \"DISABLED\" and S3 logs not enabled)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cw, "status"), msg)
}

blocks(obj, key) := [b | some b in obj[key]; is_object(b)] if is_array(obj[key])

# S3 logs are off: no s3_logs block (not unknown), or one whose status is DISABLED or
# unset (the provider's default is DISABLED).
no_s3_logs(lc) if lib.missing(lc, "s3_logs")

no_s3_logs(lc) if lc.s3_logs == []

no_s3_logs(lc) if {
	some s3 in blocks(lc, "s3_logs")
	not lib.unknown(s3, "status")
	object.get(s3, "status", "DISABLED") == "DISABLED"
}
