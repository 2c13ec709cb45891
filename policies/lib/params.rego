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
	# Ports that must never be open to the internet (add Telnet 23, VNC 5900, WinRM 5985/5986 as needed).
	"admin_ports": [22, 3389],
	# Kubernetes API server audit logs: days kept and rotated files kept (CIS Kubernetes 1.2.17/1.2.18).
	"min_audit_log_retention_days": 30,
	"min_audit_log_backups": 10,
	# IAM password policy (CIS AWS 1.8, 1.9).
	"min_password_length": 14,
	"password_reuse_prevention": 24,
	# KMS keys scheduled for deletion wait at least this many days.
	"min_kms_deletion_window_days": 30,
	# Database auditing and network flow logs keep at least this many days (CIS Azure).
	"min_audit_retention_days": 90,
	# Encryption keys are rotated at least this often (CIS GCP 1.10).
	"max_key_rotation_days": 90,
	# Log groups holding audit logs keep them at least this long (PCI DSS 10.5.1).
	"min_log_retention_days": 365,
	# Registries Kubernetes workloads may pull images from (TG-K8S-143): a host
	# ("registry.example.com", "docker.io" for Docker Hub), "*.suffix" for any host under a
	# domain, or host/path for one organisation's repositories ("ghcr.io/acme"). The default
	# trusts the cloud providers' private registries and Docker Hub's official images
	# (docker.io/library: nginx, postgres...); set your own.
	"trusted_registries": ["*.azurecr.io", "gcr.io", "*.gcr.io", "*.pkg.dev", "*.amazonaws.com", "*.amazonaws.com.cn", "docker.io/library"],
}
