package tollgate.access.gcp.compute_test

import data.tollgate.access.gcp.compute
import data.tollgate.access.gcp.fixtures_test as fx
import rego.v1

path := "compute/main.tf"

# resource "google_compute_firewall" "admin" {   # line 1
#   name          = "allow-admin"               # line 2
#   network       = "default"                   # line 3
#   direction     = DIRECTION                   # line 4
#   source_ranges = RANGES                      # line 5
#   allow {                                     # line 6
#     protocol = PROTOCOL                       # line 7
#     ports    = PORTS                          # line 8
#   }                                           # line 9
# }                                             # line 10
firewall(fields, allow) := fx.resource("google_compute_firewall", "admin", fx.block(
	path, 1, 10,
	object.union({"name": "allow-admin", "network": "default", "allow": [fx.block(path, 6, 9, allow, {"protocol": 7, "ports": 8})]}, fields),
	{"name": 2, "network": 3, "direction": 4, "source_ranges": 5, "disabled": 4, "source_tags": 5},
))

fires(fields, allow) if count(fx.ids(compute.deny, "TG-GCP-007")) == 1 with input as firewall(fields, allow)

test_tg_gcp_007_violation if {
	findings := compute.deny with input as firewall({"source_ranges": ["0.0.0.0/0"]}, {"protocol": "tcp", "ports": ["22", "443"]})
	some f in findings
	f.rule_id == "TG-GCP-007"
	f.location == fx.loc(path, 5)
	f.message == `firewall rule "admin" allows SSH (port 22) from 0.0.0.0/0`
}

test_tg_gcp_007_compliant if {
	not fires({"source_ranges": ["35.235.240.0/20"]}, {"protocol": "tcp", "ports": ["22"]})
	not fires({"source_ranges": ["0.0.0.0/0"]}, {"protocol": "tcp", "ports": ["443"]})
	not fires({"source_ranges": ["0.0.0.0/0"], "direction": "EGRESS"}, {"protocol": "tcp", "ports": ["22"]})
	not fires({"source_ranges": ["0.0.0.0/0"], "disabled": true}, {"protocol": "tcp", "ports": ["22"]})
	not fires({"source_ranges": ["0.0.0.0/0"]}, {"protocol": "udp", "ports": ["3389"]})
	not fires({"source_tags": ["bastion"]}, {"protocol": "tcp", "ports": ["22"]})
}

test_tg_gcp_007_ranges_all_ports_and_default_source_fire if {
	findings := compute.deny with input as firewall({"source_ranges": ["::/0", "0.0.0.0/0"]}, {"protocol": "all"})
	some f in findings
	f.message == `firewall rule "admin" allows RDP (port 3389) and SSH (port 22) from 0.0.0.0/0, ::/0`
	fires({"source_ranges": ["0.0.0.0/0"]}, {"protocol": "tcp", "ports": ["3000-4000"]})
	no_source := compute.deny with input as firewall({}, {"protocol": "tcp", "ports": ["22"]})
	some g in no_source
	g.rule_id == "TG-GCP-007"
	g.location == fx.span(path, 1, 10)
	g.message == `firewall rule "admin" allows SSH (port 22) from any source (no source_ranges, source_tags or source_service_accounts)`
}

# ports = [var.port] with no value for var.port reaches the rule as [].
test_tg_gcp_007_empty_ports_list_does_not_fire if {
	not fires({"source_ranges": ["0.0.0.0/0"]}, {"protocol": "tcp", "ports": []})
}

test_tg_gcp_007_admin_ports_parameter if {
	doc := firewall({"source_ranges": ["0.0.0.0/0"]}, {"protocol": "tcp", "ports": ["5432"]})
	count(fx.ids(compute.deny, "TG-GCP-007")) == 0 with input as doc
	count(fx.ids(compute.deny, "TG-GCP-007")) == 1 with input as doc with data.config.params as {"admin_ports": [5432]}
}

test_tg_gcp_007_unknown_does_not_fire if {
	body := fx.unknown(firewall({}, {"protocol": "tcp", "ports": ["22"]}).resource, "source_ranges", 5)
	count(fx.ids(compute.deny, "TG-GCP-007")) == 0 with input as fx.resource("google_compute_firewall", "admin", body)
}

# resource "google_compute_instance" "app" {       # line 20
#   name           = "app"                        # line 21
#   machine_type   = "e2-medium"                  # line 22
#   can_ip_forward = FORWARD                      # line 23
#   metadata       = METADATA                     # line 24
#   network_interface {                           # line 25
#     network = "default"                         # line 26
#     access_config {                             # line 27
#     }                                           # line 28
#   }                                             # line 29
#   service_account {                             # line 30
#     email  = EMAIL                              # line 31
#     scopes = SCOPES                             # line 32
#   }                                             # line 33
# }                                               # line 34
metadata(entries) := object.union(entries, {"__loc": {"path": path, "start_line": 24, "end_line": 24}})

service_account(fields) := [fx.block(path, 30, 33, fields, {"email": 31, "scopes": 32})]

nic(public) := [fx.block(path, 25, 29, object.union({"network": "default"}, access(public)), {"network": 26})]

access(true) := {"access_config": [fx.block(path, 27, 28, {}, {})]}

access(false) := {}

app_sa := service_account({"email": "app@acme-prod.iam.gserviceaccount.com", "scopes": ["cloud-platform"]})

instance_body(type, fields) := fx.block(
	path, 20, 34, fx.override(
		{
			"name": "app", "machine_type": "e2-medium",
			"network_interface": nic(false),
			"service_account": app_sa,
			"metadata": metadata({"block-project-ssh-keys": "true"}),
		},
		fields,
	),
	{"name": 21, "machine_type": 22, "can_ip_forward": 23, "metadata": 24},
)

instance(fields) := fx.resource("google_compute_instance", "app", instance_body("google_compute_instance", fields))

test_compliant_instance_has_no_findings if {
	count(compute.deny) == 0 with input as instance({})
}

test_tg_gcp_008_violation if {
	sa := service_account({"email": "123456789-compute@developer.gserviceaccount.com", "scopes": ["logging-write"]})
	findings := compute.deny with input as instance({"service_account": sa})
	some f in findings
	f.rule_id == "TG-GCP-008"
	f.location == fx.loc(path, 31)
	f.message == `instance "app" runs as the default Compute Engine service account`
	count(fx.ids(compute.deny, "TG-GCP-009")) == 0 with input as instance({"service_account": sa})
}

test_tg_gcp_008_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-008")) == 0 with input as instance({})
	count(fx.ids(compute.deny, "TG-GCP-008")) == 0 with input as instance({"service_account": []})
}

test_tg_gcp_008_email_left_out_fires if {
	findings := compute.deny with input as instance({"service_account": service_account({"scopes": ["storage-ro"]})})
	some f in findings
	f.rule_id == "TG-GCP-008"
	f.location == fx.span(path, 30, 33)
}

test_tg_gcp_008_unknown_does_not_fire if {
	sa := [fx.unknown(service_account({"scopes": ["storage-ro"]})[0], "email", 31)]
	count(fx.ids(compute.deny, "TG-GCP-008")) == 0 with input as instance({"service_account": sa})
}

test_tg_gcp_009_violation if {
	sa := service_account({"email": "default", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]})
	findings := compute.deny with input as instance({"service_account": sa})
	some f in findings
	f.rule_id == "TG-GCP-009"
	f.location == fx.loc(path, 32)
	f.message == `instance "app" runs as the default Compute Engine service account with full access to all Cloud APIs (cloud-platform scope)`
	count(fx.ids(compute.deny, "TG-GCP-008")) == 0 with input as instance({"service_account": sa})
}

test_tg_gcp_009_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-009")) == 0 with input as instance({})
}

test_tg_gcp_010_violation if {
	findings := compute.deny with input as instance({"metadata": metadata({"block-project-ssh-keys": "true", "serial-port-enable": "TRUE"})})
	some f in findings
	f.rule_id == "TG-GCP-010"
	f.location == fx.loc(path, 24)
	f.message == `instance "app" enables interactive serial port access (serial-port-enable)`
}

test_tg_gcp_010_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-010")) == 0 with input as instance({"metadata": metadata({"block-project-ssh-keys": "true", "serial-port-enable": "false"})})
}

# resource "google_compute_project_metadata_item" "key" {   # line 40
#   key   = KEY                                            # line 41
#   value = VALUE                                          # line 42
# }                                                        # line 43
metadata_item(key, value) := fx.resource("google_compute_project_metadata_item", "key", fx.block(path, 40, 43, {"key": key, "value": value}, {"key": 41, "value": 42}))

test_tg_gcp_010_project_metadata_item_fires if {
	findings := compute.deny with input as metadata_item("serial-port-enable", "1")
	some f in findings
	f.rule_id == "TG-GCP-010"
	f.location == fx.loc(path, 42)
	f.message == `project metadata item "key" enables interactive serial port access (serial-port-enable)`
}

test_tg_gcp_011_violation if {
	findings := compute.deny with input as instance({"metadata": metadata({"block-project-ssh-keys": "true", "enable-oslogin": "FALSE"})})
	some f in findings
	f.rule_id == "TG-GCP-011"
	f.location == fx.loc(path, 24)
	f.message == `instance "app" does not use OS Login (enable-oslogin is false)`
}

test_tg_gcp_011_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-011")) == 0 with input as instance({})
	count(fx.ids(compute.deny, "TG-GCP-011")) == 0 with input as metadata_item("enable-oslogin", "TRUE")
}

# resource "google_compute_project_metadata" "default" {   # line 50
#   metadata = METADATA                                   # line 51
# }                                                       # line 52
project_metadata(entries) := fx.resource("google_compute_project_metadata", "default", fx.block(path, 50, 52, {"metadata": object.union(entries, {"__loc": {"path": path, "start_line": 51, "end_line": 51}})}, {"metadata": 51}))

test_tg_gcp_011_project_metadata if {
	findings := compute.deny with input as project_metadata({"ssh-keys": "admin:ssh-ed25519 AAAA"})
	some f in findings
	f.rule_id == "TG-GCP-011"
	f.location == fx.loc(path, 51)
	f.message == `project metadata "default" does not use OS Login (project metadata does not set enable-oslogin to TRUE)`
	count(fx.ids(compute.deny, "TG-GCP-011")) == 0 with input as project_metadata({"enable-oslogin": "TRUE"})
	count(fx.ids(compute.deny, "TG-GCP-011")) == 1 with input as metadata_item("enable-oslogin", false)
}

test_tg_gcp_011_unknown_does_not_fire if {
	m := {"__loc": {"path": path, "start_line": 51, "end_line": 51, "attrs": {"enable-oslogin": {"start_line": 51, "end_line": 51, "unknown": true}}}}
	doc := fx.resource("google_compute_project_metadata", "default", fx.block(path, 50, 52, {"metadata": m}, {"metadata": 51}))
	count(fx.ids(compute.deny, "TG-GCP-011")) == 0 with input as doc
}

test_tg_gcp_012_violation if {
	findings := compute.deny with input as instance({"metadata": metadata({})})
	some f in findings
	f.rule_id == "TG-GCP-012"
	f.location == fx.loc(path, 24)
	f.message == `instance "app" accepts project-wide SSH keys (block-project-ssh-keys is not true)`
	count(fx.ids(compute.deny, "TG-GCP-012")) == 1 with input as instance({"metadata": null})
}

test_tg_gcp_012_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-012")) == 0 with input as instance({})
	count(fx.ids(compute.deny, "TG-GCP-012")) == 0 with input as instance({"metadata": metadata({"enable-oslogin": "true"})})
}

test_tg_gcp_012_unknown_does_not_fire if {
	body := fx.unknown(instance_body("google_compute_instance", {}), "metadata", 24)
	count(fx.ids(compute.deny, "TG-GCP-012")) == 0 with input as fx.resource("google_compute_instance", "app", body)
}

test_tg_gcp_013_violation if {
	findings := compute.deny with input as instance({"can_ip_forward": true})
	some f in findings
	f.rule_id == "TG-GCP-013"
	f.location == fx.loc(path, 23)
	f.message == `instance "app" can forward IP packets (can_ip_forward = true)`
}

test_tg_gcp_013_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-013")) == 0 with input as instance({"can_ip_forward": false})
}

test_tg_gcp_014_violation if {
	findings := compute.deny with input as instance({"network_interface": nic(true)})
	some f in findings
	f.rule_id == "TG-GCP-014"
	f.location == fx.span(path, 27, 28)
	f.message == `instance "app" has a public IP address (network_interface access_config)`
}

test_tg_gcp_014_compliant if {
	count(fx.ids(compute.deny, "TG-GCP-014")) == 0 with input as instance({"network_interface": nic(false)})
}
