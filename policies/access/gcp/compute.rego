package tollgate.access.gcp.compute

import data.tollgate.lib
import rego.v1

open_ranges := {"0.0.0.0/0", "::/0"}

service_names := {22: "SSH", 3389: "RDP"}

# METADATA
# title: Firewall rule allows administration ports from the internet
# description: |
#   An enabled INGRESS google_compute_firewall allows, from 0.0.0.0/0 or ::/0 (or from no
#   source at all, which means 0.0.0.0/0), TCP or all protocols on one of the
#   administration ports (parameter admin_ports, default 22 for SSH and 3389 for RDP),
#   through a port, a range or no ports list (every port). Remote administration is then
#   exposed to brute force and exploits from anywhere.
# related_resources:
# - https://cloud.google.com/firewall/docs/firewalls
# - https://cloud.google.com/iap/docs/using-tcp-forwarding
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall
# custom:
#   id: TG-GCP-007
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Restrict source_ranges to known administration networks, or allow only Identity-Aware Proxy (35.235.240.0/20) and connect with IAP TCP forwarding.
#   frameworks:
#     cis-gcp-2.0: ["3.6", "3.7"]
#     nist-800-53: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type == "google_compute_firewall"
	r := input.resource
	ingress(r)
	not on(r, "disabled")
	v := open_source(r)
	exposed := sort({describe(p) | some p in admin_ports; some allow in r.allow; covers(allow, p)})
	count(exposed) > 0
	msg := sprintf("firewall rule %q allows %s from %s", [input.name, concat(" and ", exposed), v.sources])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

ingress(r) if r.direction == "INGRESS"

ingress(r) if unset(r, "direction")

open_source(r) := {"location": lib.attr_loc(r, "source_ranges"), "sources": concat(", ", sort(ranges))} if {
	ranges := {c | some c in r.source_ranges; c in open_ranges}
	count(ranges) > 0
} else := {"location": lib.loc(r), "sources": "any source (no source_ranges, source_tags or source_service_accounts)"} if {
	every key in ["source_ranges", "source_tags", "source_service_accounts"] {
		unset(r, key)
	}
}

admin_ports := {n | some p in lib.param("admin_ports"); n := port_number(p)}

describe(port) := sprintf("%s (port %d)", [service_names[port], port])

describe(port) := sprintf("port %d", [port]) if not service_names[port]

covers(allow, port) if {
	lower_str(allow.protocol) in {"tcp", "all", "6"}
	no_ports(allow)
	port > 0
}

covers(allow, port) if {
	lower_str(allow.protocol) in {"tcp", "all", "6"}
	some range in allow.ports
	in_range(sprintf("%v", [range]), port)
}

# Only a missing ports list means every port: the scanner drops the unknown elements of a
# list, so ports = [var.port] with no value for var.port reads [].
no_ports(allow) if unset(allow, "ports")

in_range(range, port) if port_number(range) == port

in_range(range, port) if {
	bounds := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)$`, range, 1)
	count(bounds) == 1
	to_number(bounds[0][1]) <= port
	port <= to_number(bounds[0][2])
}

port_number(x) := x if is_number(x)

port_number(x) := to_number(x) if {
	is_string(x)
	regex.match(`^[0-9]+$`, x)
}

lower_str(x) := lower(x) if is_string(x)

instance_kinds := {
	"google_compute_instance": "instance",
	"google_compute_instance_template": "instance template",
	"google_compute_region_instance_template": "instance template",
	"google_compute_instance_from_template": "instance",
}

full_access_scopes := {"cloud-platform", "https://www.googleapis.com/auth/cloud-platform"}

# default_service_account(sa) holds when service_account block sa uses the project's
# Compute Engine default service account (email left out, "default", or the
# PROJECT_NUMBER-compute@developer.gserviceaccount.com address).
default_service_account(sa) if unset(sa, "email")

default_service_account(sa) if sa.email == "default"

default_service_account(sa) if {
	is_string(sa.email)
	endswith(sa.email, "-compute@developer.gserviceaccount.com")
}

full_access(sa) if {
	some scope in sa.scopes
	scope in full_access_scopes
}

# METADATA
# title: Instance runs as the default Compute Engine service account
# description: |
#   A google_compute_instance or instance template has a service_account block that uses
#   the project's default Compute Engine service account (no email, "default", or
#   PROJECT_NUMBER-compute@developer.gserviceaccount.com) with limited scopes: that account
#   is shared by every such VM and holds the Editor role on the project by default, so any
#   compromised VM can act with the rights granted for all of them. Full cloud-platform
#   access is reported by TG-GCP-009 instead.
# related_resources:
# - https://cloud.google.com/compute/docs/access/service-accounts#default_service_account
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#service_account
# custom:
#   id: TG-GCP-008
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Create a dedicated google_service_account with only the roles the workload needs and set service_account { email = google_service_account.app.email, scopes = ["cloud-platform"] }.
#   frameworks:
#     cis-gcp-2.0: ["4.1"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {
		"google_compute_instance",
		"google_compute_instance_from_template",
		"google_compute_instance_template",
		"google_compute_region_instance_template",
	}
	some sa in input.resource.service_account
	default_service_account(sa)
	not full_access(sa)
	msg := sprintf("%s %q runs as the default Compute Engine service account", [instance_kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(sa, "email"), msg)
}

# METADATA
# title: Instance has the default service account with full API access
# description: |
#   A google_compute_instance or instance template uses the project's default Compute
#   Engine service account with the cloud-platform scope: with the Editor role the default
#   account holds, any process on the VM (or anyone who reaches its metadata server) can
#   read and change almost every resource of the project.
# related_resources:
# - https://cloud.google.com/compute/docs/access/service-accounts#associating_a_service_account_to_an_instance
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#scopes
# custom:
#   id: TG-GCP-009
#   severity: high
#   category: access
#   provider: gcp
#   remediation: Use a dedicated, least-privilege google_service_account as service_account.email; keep the cloud-platform scope only with such an account.
#   frameworks:
#     cis-gcp-2.0: ["4.2"]
#     nist-800-53: ["AC-6"]
#     soc2: ["CC6.3"]
#     pci-dss-4.0: ["7.2.2"]
deny contains finding if {
	input.type in {
		"google_compute_instance",
		"google_compute_instance_from_template",
		"google_compute_instance_template",
		"google_compute_region_instance_template",
	}
	some sa in input.resource.service_account
	default_service_account(sa)
	full_access(sa)
	msg := sprintf("%s %q runs as the default Compute Engine service account with full access to all Cloud APIs (cloud-platform scope)", [instance_kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(sa, "scopes"), msg)
}

# metadata_value(key) is the value of instance or project metadata key, as a lower-case
# string, with the location to report.
metadata_value(key) := {"value": lower(sprintf("%v", [m[key]])), "location": lib.attr_loc(input.resource, "metadata")} if {
	input.type != "google_compute_project_metadata_item"
	m := input.resource.metadata
	m[key] != null
}

metadata_value(key) := {"value": lower(sprintf("%v", [r.value])), "location": lib.attr_loc(r, "value")} if {
	input.type == "google_compute_project_metadata_item"
	r := input.resource
	r.key == key
}

# metadata_true(key) holds when metadata key is set to a true value. (Written as a rule:
# `not metadata_value(key).value in truthy` would not hold when the key is absent.)
metadata_true(key) if metadata_value(key).value in truthy

truthy := {"true", "1", "yes", "y"}

falsy := {"false", "0", "no", "n"}

metadata_kinds := object.union(instance_kinds, {
	"google_compute_project_metadata": "project metadata",
	"google_compute_project_metadata_item": "project metadata item",
})

# METADATA
# title: Serial port access is enabled
# description: |
#   The metadata key serial-port-enable is true on a google_compute_instance or instance
#   template, or for the whole project (google_compute_project_metadata or
#   google_compute_project_metadata_item): the interactive serial console accepts
#   connections from any IP address, bypassing firewall rules, and is reachable by anyone
#   with the right SSH key or OS Login permission.
# related_resources:
# - https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_project_metadata_item
# custom:
#   id: TG-GCP-010
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Remove serial-port-enable from the metadata (or set it to "false"); enable the serial console only temporarily, for troubleshooting.
#   frameworks:
#     cis-gcp-2.0: ["4.5"]
#     nist-800-53: ["AC-17", "CM-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["2.2.4"]
deny contains finding if {
	input.type in {
		"google_compute_instance",
		"google_compute_instance_from_template",
		"google_compute_instance_template",
		"google_compute_project_metadata",
		"google_compute_project_metadata_item",
		"google_compute_region_instance_template",
	}
	v := metadata_value("serial-port-enable")
	v.value in truthy
	msg := sprintf("%s %q enables interactive serial port access (serial-port-enable)", [metadata_kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# METADATA
# title: OS Login is disabled
# description: |
#   The metadata key enable-oslogin is false on a google_compute_instance or instance
#   template, or project metadata turns it off (a google_compute_project_metadata_item
#   with enable-oslogin false, or an authoritative google_compute_project_metadata without
#   enable-oslogin = TRUE): SSH access is then granted by keys pasted into metadata, not
#   by IAM, so it cannot be revoked centrally, escapes access reviews and 2-step
#   verification, and leaves no per-user audit trail.
# related_resources:
# - https://cloud.google.com/compute/docs/oslogin
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_project_metadata
# custom:
#   id: TG-GCP-011
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set enable-oslogin = "TRUE" in project metadata (and remove enable-oslogin = "FALSE" from instances), then grant roles/compute.osLogin or roles/compute.osAdminLogin.
#   frameworks:
#     cis-gcp-2.0: ["4.4"]
#     nist-800-53: ["AC-2", "IA-2"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.2.1"]
deny contains finding if {
	input.type in {
		"google_compute_instance",
		"google_compute_instance_from_template",
		"google_compute_instance_template",
		"google_compute_project_metadata",
		"google_compute_project_metadata_item",
		"google_compute_region_instance_template",
	}
	v := os_login_off
	msg := sprintf("%s %q does not use OS Login (%s)", [metadata_kinds[input.type], input.name, v.problem])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

os_login_off := {"location": v.location, "problem": "enable-oslogin is false"} if {
	v := metadata_value("enable-oslogin")
	v.value in falsy
} else := {"location": lib.attr_loc(input.resource, "metadata"), "problem": "project metadata does not set enable-oslogin to TRUE"} if {
	input.type == "google_compute_project_metadata"
	m := input.resource.metadata
	is_object(m)
	not lib.unknown(m, "enable-oslogin")
	not metadata_true("enable-oslogin")
}

# METADATA
# title: Instance accepts project-wide SSH keys
# description: |
#   A google_compute_instance or instance template does not set the metadata key
#   block-project-ssh-keys to true, and does not enable OS Login itself: every SSH key in
#   the project metadata opens this machine too, so one leaked key reaches every VM of the
#   project. Instances created from a template (google_compute_instance_from_template),
#   whose metadata may come from the template, are not reported.
# related_resources:
# - https://cloud.google.com/compute/docs/connect/restrict-ssh-keys#block-keys
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#metadata
# custom:
#   id: TG-GCP-012
#   severity: low
#   category: access
#   provider: gcp
#   remediation: Add block-project-ssh-keys = "true" to the instance metadata, or use OS Login (enable-oslogin = "TRUE").
#   frameworks:
#     cis-gcp-2.0: ["4.3"]
#     nist-800-53: ["AC-2", "IA-5"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"}
	r := input.resource
	not metadata_unknown(r, "block-project-ssh-keys")
	not metadata_unknown(r, "enable-oslogin")
	not metadata_true("block-project-ssh-keys")
	not metadata_true("enable-oslogin")
	msg := sprintf("%s %q accepts project-wide SSH keys (block-project-ssh-keys is not true)", [instance_kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "metadata"), msg)
}

metadata_unknown(r, _) if lib.unknown(r, "metadata")

metadata_unknown(r, key) if lib.unknown(r.metadata, key)

# METADATA
# title: Instance can forward IP packets
# description: |
#   can_ip_forward = true on a google_compute_instance or instance template: the VM may
#   send and receive packets whose addresses are not its own, so a compromised VM can act
#   as a router, bypass firewall rules based on its identity and spoof traffic. Only NAT
#   gateways, routers and network appliances need it.
# related_resources:
# - https://cloud.google.com/vpc/docs/using-routes#canipforward
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#can_ip_forward
# custom:
#   id: TG-GCP-013
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Set can_ip_forward = false (or remove it) unless the VM is a network appliance; use Cloud NAT instead of NAT instances.
#   frameworks:
#     cis-gcp-2.0: ["4.6"]
#     nist-800-53: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {
		"google_compute_instance",
		"google_compute_instance_from_template",
		"google_compute_instance_template",
		"google_compute_region_instance_template",
	}
	r := input.resource
	lib.is_true(r.can_ip_forward)
	msg := sprintf("%s %q can forward IP packets (can_ip_forward = true)", [instance_kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "can_ip_forward"), msg)
}

# METADATA
# title: Instance has a public IP address
# description: |
#   A network_interface of a google_compute_instance or instance template has an
#   access_config (or ipv6_access_config) block: the VM gets an external address and every
#   service it listens on is one firewall mistake away from the internet.
# related_resources:
# - https://cloud.google.com/compute/docs/ip-addresses#externaladdresses
# - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#access_config
# custom:
#   id: TG-GCP-014
#   severity: medium
#   category: access
#   provider: gcp
#   remediation: Remove the access_config block; reach the internet through Cloud NAT and administer the VM through IAP TCP forwarding; expose services through a load balancer.
#   frameworks:
#     cis-gcp-2.0: ["4.9"]
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
#     pci-dss-4.0: ["1.3.1"]
deny contains finding if {
	input.type in {
		"google_compute_instance",
		"google_compute_instance_from_template",
		"google_compute_instance_template",
		"google_compute_region_instance_template",
	}
	some nic in input.resource.network_interface
	some key in ["access_config", "ipv6_access_config"]
	some config in nic[key]
	msg := sprintf("%s %q has a public IP address (network_interface %s)", [instance_kinds[input.type], input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.loc(config), msg)
}

# on(obj, key) holds when key is set to true. (`not lib.is_true(obj.key)` would not hold
# when key is absent: a call with an undefined argument is undefined, even negated.)
on(obj, key) if lib.is_true(obj[key])

# unset(obj, key) holds when key is absent (and not unknown) or explicitly null.
unset(obj, key) if lib.missing(obj, key)

unset(obj, key) if obj[key] == null
