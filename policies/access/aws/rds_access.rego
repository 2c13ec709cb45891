package tollgate.access.aws.rds_access

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster_instance": "RDS cluster instance",
	"aws_rds_cluster": "RDS cluster",
}

# Engines that support IAM database authentication.
iam_auth_engines := {"mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql"}

# METADATA
# title: RDS database is publicly accessible
# description: |
#   publicly_accessible = true on an aws_db_instance or aws_rds_cluster_instance gives
#   the database a public DNS name and address: only its security groups stand between
#   the internet and the database's login, and a single permissive rule exposes it to
#   brute force and engine exploits.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2
# custom:
#   id: TG-AWS-043
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set publicly_accessible = false (the default), place the database in private subnets, and reach it through the application tier, a VPN or Session Manager port forwarding.
#   frameworks:
#     cis-aws-2.0: ["2.3.3"]
#     nist-800-53: ["AC-3", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.4.4"]
deny contains finding if {
	input.type in {"aws_db_instance", "aws_rds_cluster_instance"}
	r := input.resource
	lib.is_true(r.publicly_accessible)
	msg := sprintf("%s %q is publicly accessible (publicly_accessible = true)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "publicly_accessible"), msg)
}

# METADATA
# title: RDS IAM database authentication is disabled
# description: |
#   iam_database_authentication_enabled is false, or not set (its default is false), on
#   an aws_db_instance or aws_rds_cluster whose engine supports it (MySQL, MariaDB,
#   PostgreSQL, Aurora). Every client then logs in with a long-lived database password
#   instead of short-lived IAM tokens tied to a role, with no central revocation.
#   Aurora Serverless v1 clusters (engine_mode = "serverless"), which do not support it,
#   and instances whose engine is not known are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10
# custom:
#   id: TG-AWS-044
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set iam_database_authentication_enabled = true and have applications connect with IAM authentication tokens (rds-db:connect) instead of stored passwords.
#   frameworks:
#     nist-800-53: ["IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"aws_db_instance", "aws_rds_cluster"}
	r := input.resource
	engine(r) in iam_auth_engines
	not r.engine_mode == "serverless"
	problem := helpers.off(r, "iam_database_authentication_enabled")
	msg := sprintf("%s %q does not use IAM database authentication (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "iam_database_authentication_enabled"), msg)
}

engine(r) := r.engine

# An aws_rds_cluster without an engine is Aurora MySQL ("aurora").
engine(r) := "aurora" if {
	input.type == "aws_rds_cluster"
	lib.missing(r, "engine")
}
