package tollgate.encryption.gcp.compute_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.encryption.gcp.compute
import rego.v1

path := "compute/main.tf"

# resource "google_compute_disk" "data" {                         # line 1
#   name = "data"                                                # line 2
#   size = 100                                                   # line 3
#   disk_encryption_key {                                        # line 4
#     kms_key_self_link = google_kms_crypto_key.disks.id         # line 5 (unknown)
#   }                                                            # line 6
# }                                                              # line 7
disk(fields) := fx.resource("google_compute_disk", "data", fx.block(path, 1, 7, object.union({"name": "data", "size": 100}, fields), {"name": 2, "size": 3}))

kms_key := [fx.unknown(fx.block(path, 4, 6, {}, {}), "kms_key_self_link", 5)]

test_tg_gcp_033_violation if {
	findings := compute.deny with input as disk({})
	some f in findings
	f.rule_id == "TG-GCP-033"
	f.location == fx.span(path, 1, 7)
	f.message == `disk "data" is not encrypted with a customer-managed key (no disk_encryption_key)`
}

test_tg_gcp_033_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-033")) == 0 with input as disk({"disk_encryption_key": kms_key})
	csek := [fx.block(path, 4, 6, {"raw_key": "REDACTED"}, {"raw_key": 5})]
	count(fx.ids(compute.deny, "TG-GCP-033")) == 0 with input as disk({"disk_encryption_key": csek})
}

test_tg_gcp_033_empty_key_block_fires if {
	findings := compute.deny with input as disk({"disk_encryption_key": [fx.block(path, 4, 6, {}, {})]})
	some f in findings
	f.rule_id == "TG-GCP-033"
	f.location == fx.span(path, 4, 6)
}

# resource "google_compute_instance" "app" {                      # line 10
#   name = "app"                                                 # line 11
#   boot_disk {                                                  # line 12
#     kms_key_self_link = google_kms_crypto_key.disks.id         # line 13 (unknown)
#     initialize_params {                                        # line 14
#       image = "debian-cloud/debian-12"                         # line 15
#     }                                                          # line 16
#   }                                                            # line 17
# }                                                              # line 18
instance(boot) := fx.resource("google_compute_instance", "app", fx.block(path, 10, 18, {"name": "app", "boot_disk": [boot]}, {"name": 11}))

boot_disk(fields) := fx.block(path, 12, 17, object.union({"initialize_params": [fx.block(path, 14, 16, {"image": "debian-cloud/debian-12"}, {"image": 15})]}, fields), {"kms_key_self_link": 13, "source": 13})

test_tg_gcp_033_instance_boot_disk if {
	findings := compute.deny with input as instance(boot_disk({}))
	some f in findings
	f.rule_id == "TG-GCP-033"
	f.location == fx.span(path, 12, 17)
	f.message == `instance "app" boot disk is not encrypted with a customer-managed key`
	count(fx.ids(compute.deny, "TG-GCP-033")) == 0 with input as instance(fx.unknown(boot_disk({}), "kms_key_self_link", 13))
	count(fx.ids(compute.deny, "TG-GCP-033")) == 0 with input as instance(boot_disk({"source": "projects/p/zones/z/disks/boot"}))
}

# resource "google_compute_ssl_policy" "web" {   # line 20
#   name            = "web"                     # line 21
#   profile         = "MODERN"                  # line 22
#   min_tls_version = VERSION                   # line 23
# }                                             # line 24
ssl_policy(fields) := fx.resource("google_compute_ssl_policy", "web", fx.block(path, 20, 24, object.union({"name": "web", "profile": "MODERN"}, fields), {"name": 21, "profile": 22, "min_tls_version": 23}))

test_tg_gcp_034_violation if {
	findings := compute.deny with input as ssl_policy({"min_tls_version": "TLS_1_1"})
	some f in findings
	f.rule_id == "TG-GCP-034"
	f.location == fx.loc(path, 23)
	f.message == `SSL policy "web" allows TLS older than 1.2 (min_tls_version = "TLS_1_1")`
}

test_tg_gcp_034_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-034")) == 0 with input as ssl_policy({"min_tls_version": "TLS_1_2"})
	count(fx.ids(compute.deny, "TG-GCP-034")) == 0 with input as ssl_policy({"min_tls_version": "TLS_1_1"}) with data.config.params as {"min_tls_version": "1.1"}
}

test_tg_gcp_034_default_fires if {
	findings := compute.deny with input as ssl_policy({})
	some f in findings
	f.rule_id == "TG-GCP-034"
	f.location == fx.span(path, 20, 24)
	f.message == `SSL policy "web" allows TLS older than 1.2 (min_tls_version not set, default TLS_1_0)`
}

test_tg_gcp_034_unknown_does_not_fire if {
	body := fx.unknown(ssl_policy({}).resource, "min_tls_version", 23)
	count(fx.ids(compute.deny, "TG-GCP-034")) == 0 with input as fx.resource("google_compute_ssl_policy", "web", body)
}

# TG-GCP-134: disk_encryption_key { raw_key = ... } on line 5 of the disk.
test_tg_gcp_134_violation if {
	key := [fx.block(path, 4, 6, {"raw_key": "acXTX3rxrKAFTF0tYVLvydU1riRZTvUNC4g5I11NY+c="}, {"raw_key": 5})]
	findings := compute.deny with input as disk({"disk_encryption_key": key})
	some f in findings
	f.rule_id == "TG-GCP-134"
	f.location == fx.loc(path, 5)
	f.message == `disk "data" has its encryption key written in plaintext (raw_key)`
}

test_tg_gcp_134_compliant if {
	key := [fx.unknown(fx.block(path, 4, 6, {}, {}), "raw_key", 5)]
	count(fx.ids(compute.deny, "TG-GCP-134")) == 0 with input as disk({"disk_encryption_key": key})
	count(fx.ids(compute.deny, "TG-GCP-134")) == 0 with input as disk({"disk_encryption_key": kms_key})
}

test_tg_gcp_134_instance_boot_disk_raw_key if {
	boot := fx.block(path, 12, 17, {"disk_encryption_key_raw": "acXTX3rxrKAFTF0tYVLvydU1riRZTvUNC4g5I11NY+c="}, {"disk_encryption_key_raw": 13})
	findings := compute.deny with input as instance(boot)
	some f in findings
	f.rule_id == "TG-GCP-134"
	f.location == fx.loc(path, 13)
	f.message == `instance "app" boot disk has its encryption key written in plaintext (disk_encryption_key_raw)`
}

# TG-GCP-135
test_tg_gcp_135_violation if {
	findings := compute.deny with input as fx.resource("google_compute_ssl_policy", "web", fx.block(path, 20, 24, {"name": "web", "min_tls_version": "TLS_1_2"}, {"name": 21, "min_tls_version": 23}))
	some f in findings
	f.rule_id == "TG-GCP-135"
	f.location == fx.span(path, 20, 24)
	f.message == `SSL policy "web" allows weak cipher suites (profile not set, default COMPATIBLE)`
}

test_tg_gcp_135_custom_rsa if {
	findings := compute.deny with input as ssl_policy({"profile": "CUSTOM", "min_tls_version": "TLS_1_2", "custom_features": ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"]})
	some f in findings
	f.rule_id == "TG-GCP-135"
	f.message == `SSL policy "web" allows weak cipher suites (TLS_RSA_WITH_AES_128_GCM_SHA256)`
}

test_tg_gcp_135_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-135")) == 0 with input as ssl_policy({"min_tls_version": "TLS_1_2"})
	count(fx.ids(compute.deny, "TG-GCP-135")) == 0 with input as ssl_policy({"profile": "CUSTOM", "custom_features": ["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"]})
	count(fx.ids(compute.deny, "TG-GCP-135")) == 0 with input as fx.resource("google_compute_ssl_policy", "web", fx.unknown(fx.block(path, 20, 24, {"name": "web", "profile": "x"}, {"name": 21}), "profile", 22))
}
