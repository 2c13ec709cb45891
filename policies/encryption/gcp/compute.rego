package tollgate.encryption.gcp.compute

import data.tollgate.lib
import rego.v1

disk_kinds := {
	"google_compute_disk": "disk",
	"google_compute_region_disk": "regional disk",
}

# Attributes of a disk_encryption_key block (or of boot_disk) that name a key the
# customer controls: a Cloud KMS key, or a customer-supplied key.
customer_key_attrs := ["kms_key_self_link", "kms_key_name", "raw_key", "rsa_encrypted_key", "disk_encryption_key_raw", "disk_encryption_key_rsa"]

# METADATA
# title: Compute disk is not encrypted with a customer-managed key
# description: |
#   A google_compute_disk or google_compute_region_disk has no disk_encryption_key with a
#   Cloud KMS key (kms_key_self_link) or customer-supplied key, or a
#   google_compute_instance creates its boot disk without one (boot_disk
#   kms_key_self_link or disk_encryption_key_raw): the disk, its snapshots and images are
#   encrypted with Google-managed keys the organisation cannot rotate, revoke or audit.
#   Boot disks attached from an existing disk (boot_disk.source) are checked on that disk.
# related_resources:
# - https://cloud.google.com/compute/docs/disks/customer-managed-encryption
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_disk#disk_encryption_key
# custom:
#   id: TG-GCP-033
#   severity: low
#   category: encryption
#   provider: gcp
#   remediation: Add disk_encryption_key { kms_key_self_link = google_kms_crypto_key.disks.id } to disks (boot_disk { kms_key_self_link = ... } on instances) and grant the Compute Engine service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type in {"google_compute_disk", "google_compute_instance", "google_compute_region_disk"}
	some v in google_managed_disks
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

google_managed_disks contains v if {
	input.type in object.keys(disk_kinds)
	r := input.resource
	lib.missing(r, "disk_encryption_key")
	v := {"location": lib.loc(r), "message": sprintf("%s %q is not encrypted with a customer-managed key (no disk_encryption_key)", [disk_kinds[input.type], input.name])}
}

google_managed_disks contains v if {
	input.type in object.keys(disk_kinds)
	some key in input.resource.disk_encryption_key
	no_customer_key(key)
	v := {"location": lib.loc(key), "message": sprintf("%s %q is not encrypted with a customer-managed key (disk_encryption_key names no key)", [disk_kinds[input.type], input.name])}
}

google_managed_disks contains v if {
	input.type == "google_compute_instance"
	some boot in input.resource.boot_disk
	lib.missing(boot, "source")
	no_customer_key(boot)
	no_customer_key_block(boot)
	v := {"location": lib.loc(boot), "message": sprintf("instance %q boot disk is not encrypted with a customer-managed key", [input.name])}
}

no_customer_key(obj) if {
	every attr in customer_key_attrs {
		lib.missing(obj, attr)
	}
}

no_customer_key_block(boot) if lib.missing(boot, "disk_encryption_key")

no_customer_key_block(boot) if {
	every key in boot.disk_encryption_key {
		no_customer_key(key)
	}
}

# METADATA
# title: SSL policy allows TLS versions below the minimum
# description: |
#   A google_compute_ssl_policy sets min_tls_version older than the min_tls_version
#   parameter (default 1.2), or leaves it unset (its default is TLS_1_0): HTTPS and SSL
#   proxy load balancers using the policy negotiate deprecated protocol versions with
#   known weaknesses.
# related_resources:
# - https://cloud.google.com/load-balancing/docs/ssl-policies-concepts
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_ssl_policy#min_tls_version
# custom:
#   id: TG-GCP-034
#   severity: medium
#   category: encryption
#   provider: gcp
#   remediation: Set min_tls_version = "TLS_1_2" with profile = "MODERN" or "RESTRICTED" (or a CUSTOM profile without weak ciphers).
#   frameworks:
#     cis-gcp-2.0: ["3.9"]
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "google_compute_ssl_policy"
	r := input.resource
	v := weak_tls(r)
	version_number(v.version) < minimum
	msg := sprintf("SSL policy %q allows TLS older than %s (%s)", [input.name, minimum_name, v.problem])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "min_tls_version"), msg)
}

weak_tls(r) := {"version": r.min_tls_version, "problem": sprintf("min_tls_version = %q", [r.min_tls_version])} if {
	is_string(r.min_tls_version)
} else := {"version": "TLS_1_0", "problem": "min_tls_version not set, default TLS_1_0"} if {
	lib.missing(r, "min_tls_version")
}

# version_number("TLS_1_2") is 1.2; it also reads "1.2", "TLS1_2" and "TLSv1.2".
version_number(v) := to_number(m[0][1]) if {
	is_string(v)
	s := replace(lower(trim_space(v)), "_", ".")
	m := regex.find_all_string_submatch_n(`^(?:tls)?v?\.?([0-9]+(?:\.[0-9]+)?)$`, s, 1)
	count(m) == 1
}

version_number(v) := v if is_number(v)

minimum_name := sprintf("%v", [lib.param("min_tls_version")])

minimum := version_number(minimum_name)

# METADATA
# title: Disk encryption key is written in plaintext
# description: |
#   A google_compute_disk or google_compute_region_disk sets disk_encryption_key.raw_key,
#   or a google_compute_instance sets disk_encryption_key_raw on its boot or attached
#   disk, to a literal value: the customer-supplied key that decrypts the disk is stored
#   in the configuration, its version history and the Terraform state, where anyone who
#   can read them can decrypt snapshots and copies of the disk. Not reported when the
#   value is unknown (read from a secret store at apply time).
# related_resources:
# - https://cloud.google.com/compute/docs/disks/customer-supplied-encryption
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_disk#raw_key
# custom:
#   id: TG-GCP-134
#   severity: high
#   category: encryption
#   provider: gcp
#   remediation: Use a Cloud KMS key (kms_key_self_link) instead, or pass the customer-supplied key from a secret store (a sensitive variable or data source) so it is not written in the code.
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28", "IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["3.6.1"]
deny contains finding if {
	input.type in {"google_compute_disk", "google_compute_instance", "google_compute_region_disk"}
	some v in plaintext_keys
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

plaintext_keys contains v if {
	input.type in object.keys(disk_kinds)
	some key in input.resource.disk_encryption_key
	literal_key(key.raw_key)
	v := {"location": lib.attr_loc(key, "raw_key"), "message": sprintf("%s %q has its encryption key written in plaintext (raw_key)", [disk_kinds[input.type], input.name])}
}

plaintext_keys contains v if {
	input.type == "google_compute_instance"
	some kind in ["boot_disk", "attached_disk"]
	some d in input.resource[kind]
	literal_key(d.disk_encryption_key_raw)
	v := {"location": lib.attr_loc(d, "disk_encryption_key_raw"), "message": sprintf("instance %q %s has its encryption key written in plaintext (disk_encryption_key_raw)", [input.name, replace(kind, "_", " ")])}
}

literal_key(v) if {
	is_string(v)
	v != ""
}

# METADATA
# title: SSL policy allows weak cipher suites
# description: |
#   A google_compute_ssl_policy uses the COMPATIBLE profile (the default) or a CUSTOM
#   profile that enables RSA key exchange or 3DES suites (TLS_RSA_WITH_*): HTTPS and SSL
#   proxy load balancers using it negotiate ciphers without forward secrecy, or with a
#   64-bit block cipher, with clients that ask for them. The minimum TLS version is
#   reported by TG-GCP-034.
# related_resources:
# - https://cloud.google.com/load-balancing/docs/ssl-policies-concepts#defining_an_ssl_policy
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_ssl_policy#profile
# custom:
#   id: TG-GCP-135
#   severity: medium
#   category: encryption
#   provider: gcp
#   remediation: Set profile = "MODERN" (with min_tls_version = "TLS_1_2") or "RESTRICTED"; in a CUSTOM profile list only ECDHE suites with AES-GCM or ChaCha20.
#   frameworks:
#     cis-gcp-2.0: ["3.9"]
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "google_compute_ssl_policy"
	v := weak_ciphers(input.resource)
	msg := sprintf("SSL policy %q allows weak cipher suites (%s)", [input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

weak_ciphers(r) := {"location": lib.loc(r), "problem": "profile not set, default COMPATIBLE"} if {
	lib.missing(r, "profile")
} else := {"location": lib.attr_loc(r, "profile"), "problem": `profile = "COMPATIBLE"`} if {
	r.profile == "COMPATIBLE"
} else := {"location": lib.attr_loc(r, "custom_features"), "problem": concat(", ", sort(weak))} if {
	r.profile == "CUSTOM"
	weak := {f | some f in r.custom_features; is_string(f); weak_feature(f)}
	count(weak) > 0
}

weak_feature(f) if startswith(f, "TLS_RSA_WITH_")

weak_feature(f) if contains(f, "3DES")
