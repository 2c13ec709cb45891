package tollgate.access.cloudformation.rds_access

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

# Engines that support IAM database authentication.
iam_auth_engines := {"mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql"}

# METADATA
# title: CloudFormation RDS database is publicly accessible
# description: |
#   PubliclyAccessible is true on an AWS::RDS::DBInstance or AWS::RDS::DBCluster (a
#   Multi-AZ DB cluster): the database gets a public DNS name and address, and only its
#   security groups stand between the internet and the database's login, so a single
#   permissive rule exposes it to brute force and engine exploits. Only an explicit true
#   is reported: the default depends on the subnet group.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-publiclyaccessible
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2
# custom:
#   id: TG-CFN-013
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set PubliclyAccessible to false, place the database in private subnets (DBSubnetGroupName), and reach it through the application tier, a VPN or Session Manager port forwarding.
#   frameworks:
#     cis-aws-2.0: ["2.3.3"]
#     nist-800-53: ["AC-3", "SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.4.4"]
deny contains finding if {
	input.type in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	p := input.resource.Properties
	lib.is_true(p.PubliclyAccessible)
	msg := sprintf("%s %q is publicly accessible (PubliclyAccessible: true)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "PubliclyAccessible"), msg)
}

# METADATA
# title: CloudFormation RDS IAM database authentication is disabled
# description: |
#   EnableIAMDatabaseAuthentication is false, or not set (its default is false), on an
#   AWS::RDS::DBInstance or AWS::RDS::DBCluster whose Engine supports it (MySQL, MariaDB,
#   PostgreSQL, Aurora). Every client then logs in with a long-lived database password
#   instead of short-lived IAM tokens tied to a role, with no central revocation. Aurora
#   instances (DBClusterIdentifier: the cluster decides), Aurora Serverless v1 clusters
#   (EngineMode serverless, which does not support it) and databases whose Engine is not
#   known are not reported.
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10
# custom:
#   id: TG-CFN-014
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set EnableIAMDatabaseAuthentication to true and have applications connect with IAM authentication tokens (rds-db:connect) instead of stored passwords.
#   frameworks:
#     nist-800-53: ["IA-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	p := input.resource.Properties
	decides_auth(p)
	is_string(p.Engine)
	lower(p.Engine) in iam_auth_engines
	not serverless_v1(p)
	problem := helpers.off(p, "EnableIAMDatabaseAuthentication")
	msg := sprintf("%s %q does not use IAM database authentication (%s)", [kinds[input.type], input.name, problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(p, "EnableIAMDatabaseAuthentication"), msg)
}

decides_auth(_) if input.type == "AWS::RDS::DBCluster"

decides_auth(p) if {
	input.type == "AWS::RDS::DBInstance"
	lib.missing(p, "DBClusterIdentifier")
}

serverless_v1(p) if {
	is_string(p.EngineMode)
	lower(p.EngineMode) == "serverless"
}
