package tollgate.audit.aws.codebuild_logs_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.codebuild_logs
import rego.v1

# resource "aws_codebuild_project" "build" {   # line 1
#   name = "build"                             # line 2
#   logs_config {                              # line 3
#     cloudwatch_logs {                        # line 4
#       status = CW_STATUS                     # line 5
#     }                                        # line 6
#     s3_logs {                                # line 7
#       status   = S3_STATUS                   # line 8
#       location = "acme-build-logs/build"     # line 9
#     }                                        # line 10
#   }                                          # line 11
# }                                            # line 12
project(cw, s3) := fx.doc("aws_codebuild_project", "build", fx.block(1, 12, object.union({"name": "build"}, logs_config(cw, s3)), {"name": 2}))

logs_config(cw, _) := {} if cw == null

logs_config(cw, s3) := {"logs_config": [fx.block(3, 11, object.union(
	{"cloudwatch_logs": [fx.block(4, 6, cw, {"status": 5})]},
	s3_logs(s3),
), {"s3_logs": [7, 10]})]} if cw != null

s3_logs(s3) := {} if s3 == null

s3_logs(s3) := {"s3_logs": s3} if s3 == fx.unknown

s3_logs(s3) := {"s3_logs": [fx.block(7, 10, s3, {"status": 8, "location": 9})]} if {
	s3 != null
	s3 != fx.unknown
}

msg := `CodeBuild project "build" keeps no build logs (cloudwatch_logs status = "DISABLED" and S3 logs not enabled)`

test_tg_aws_591_violation if {
	every s3 in [null, {}, {"status": "DISABLED"}, {"location": "acme-build-logs/build"}] {
		findings := codebuild_logs.deny with input as project({"status": "DISABLED"}, s3)
		fx.found(findings, "TG-AWS-591", fx.at(5), msg)
		count(findings) == 1
	}
}

test_tg_aws_591_compliant if {
	# No logs_config, or CloudWatch logs not turned off: CloudWatch logging is the default.
	count(codebuild_logs.deny) == 0 with input as project(null, null)
	count(codebuild_logs.deny) == 0 with input as project({}, null)
	count(codebuild_logs.deny) == 0 with input as project({"status": "ENABLED"}, null)
	count(codebuild_logs.deny) == 0 with input as project({"status": fx.unknown}, null)

	# CloudWatch off, S3 on.
	count(codebuild_logs.deny) == 0 with input as project({"status": "DISABLED"}, {"status": "ENABLED"})

	# Unknown S3 logging.
	count(codebuild_logs.deny) == 0 with input as project({"status": "DISABLED"}, {"status": fx.unknown})
	count(codebuild_logs.deny) == 0 with input as project({"status": "DISABLED"}, fx.unknown)
}
