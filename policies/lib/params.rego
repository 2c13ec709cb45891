# METADATA
# title: tollgate rule parameters
# description: |
#   Tunable values of the built-in rules, with their defaults. An organisation overrides them in
#   .tollgate.yaml under `params:`; policies read them with lib.param(name).
package tollgate.params

import rego.v1

defaults := {
	# RDS/Aurora/DynamoDB/Cloud SQL automated backups kept for fewer days than this fail.
	"min_backup_retention_days": 7,
	# TLS policies older than this version fail (ALB, CloudFront, Azure storage, ...).
	"min_tls_version": "1.2",
	# SBOM packages whose license matches one of these SPDX ids fail.
	"denied_licenses": ["AGPL-1.0-only", "AGPL-1.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "SSPL-1.0"],
	# SBOM packages with one of these names fail.
	"banned_packages": [],
	# Ports that must never be open to the internet.
	"admin_ports": [22, 3389],
}
