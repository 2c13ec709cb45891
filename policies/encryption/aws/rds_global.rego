package tollgate.encryption.aws.rds_global

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_rds_global_cluster": "RDS global cluster",
	"aws_docdb_global_cluster": "DocumentDB global cluster",
	"aws_neptune_global_cluster": "Neptune global cluster",
}

# METADATA
# title: Global database cluster is not encrypted
# description: |
#   storage_encrypted is false, or not set (its default is false), on an
#   aws_rds_global_cluster, aws_docdb_global_cluster or aws_neptune_global_cluster created
#   empty: every cluster joined to it across regions stores its data unencrypted. Not
#   reported when the global cluster is built from an existing cluster
#   (source_db_cluster_identifier), whose own encryption it takes (TG-AWS-010, TG-AWS-110
#   judge that cluster).
# related_resources:
# - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_global_cluster#storage_encrypted
# custom:
#   id: TG-AWS-469
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Set storage_encrypted = true (the global cluster is replaced), and give each member cluster a KMS key of its region.
#   frameworks:
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.5.1"]
deny contains finding if {
	input.type in {"aws_rds_global_cluster", "aws_docdb_global_cluster", "aws_neptune_global_cluster"}
	r := input.resource
	lib.missing(r, "source_db_cluster_identifier")
	some text in problem(r)
	msg := sprintf("%s %q is not encrypted at rest (%s)", [kinds[input.type], input.name, text])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "storage_encrypted"), msg)
}

problem(r) := {"storage_encrypted = false"} if {
	lib.is_false(r.storage_encrypted)
} else := {"storage_encrypted is not set, default false"} if {
	lib.missing(r, "storage_encrypted")
} else := set()
