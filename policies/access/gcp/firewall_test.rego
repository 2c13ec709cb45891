package tollgate.access.gcp.firewall_test

import data.tollgate.access.gcp.firewall
import data.tollgate.access.gcp.fixtures_test as fx
import rego.v1

path := "net/fw.tf"

# resource "google_compute_firewall" "web" {   # line 1
#   name               = "web"                # line 2
#   network            = "vpc"                # line 3
#   direction          = DIRECTION            # line 4
#   source_ranges      = SOURCES              # line 5
#   destination_ranges = DESTINATIONS         # line 6
#   allow {                                   # line 7
#     protocol = PROTOCOL                     # line 8
#     ports    = PORTS                        # line 9
#   }                                         # line 10
# }                                           # line 11
allow(fields) := [fx.block(path, 7, 10, fields, {"protocol": 8, "ports": 9})]

rule(fields) := fx.resource("google_compute_firewall", "web", fx.block(path, 1, 11, object.union({"name": "web", "network": "vpc"}, fields), {"name": 2, "network": 3, "direction": 4, "source_ranges": 5, "destination_ranges": 6, "disabled": 4}))

internal := {"source_ranges": ["10.0.0.0/8"], "allow": allow({"protocol": "tcp", "ports": ["443"]})}

test_compliant_rule_has_no_findings if {
	count(firewall.deny) == 0 with input as rule(internal)
	count(firewall.deny) == 0 with input as rule({"direction": "EGRESS", "destination_ranges": ["10.0.0.0/8"], "allow": allow({"protocol": "tcp", "ports": ["5432"]})})
}

test_tg_gcp_094_violation if {
	findings := firewall.deny with input as rule(fx.override(internal, {"source_ranges": ["0.0.0.0/0"]}))
	some f in findings
	f.rule_id == "TG-GCP-094"
	f.location == fx.loc(path, 5)
	f.message == `firewall rule "web" allows ingress (tcp 443) from 0.0.0.0/0`
}

test_tg_gcp_094_compliant if {
	count(fx.ids(firewall.deny, "TG-GCP-094")) == 0 with input as rule(fx.override(internal, {"source_ranges": ["0.0.0.0/0"], "disabled": true}))
	count(fx.ids(firewall.deny, "TG-GCP-094")) == 0 with input as rule(object.remove(fx.override(internal, {"source_ranges": ["0.0.0.0/0"]}), ["allow"]))
	count(fx.ids(firewall.deny, "TG-GCP-094")) == 0 with input as rule(internal)
}

test_tg_gcp_095_violation if {
	findings := firewall.deny with input as rule({"direction": "EGRESS", "allow": allow({"protocol": "tcp", "ports": ["443"]})})
	some f in findings
	f.rule_id == "TG-GCP-095"
	f.location == fx.span(path, 1, 11)
	f.message == `firewall rule "web" allows egress (tcp 443) to any destination (no destination_ranges)`
	some g in firewall.deny with input as rule({"direction": "EGRESS", "destination_ranges": ["::/0"], "allow": allow({"protocol": "icmp"})})
	g.rule_id == "TG-GCP-095"
	g.location == fx.loc(path, 6)
	g.message == `firewall rule "web" allows egress (icmp) to ::/0`
}

test_tg_gcp_095_compliant if {
	count(fx.ids(firewall.deny, "TG-GCP-095")) == 0 with input as rule({"direction": "EGRESS", "destination_ranges": ["10.0.0.0/8"], "allow": allow({"protocol": "tcp", "ports": ["443"]})})
	unknown := fx.unknown(rule({"direction": "EGRESS", "allow": allow({"protocol": "tcp", "ports": ["443"]})}).resource, "destination_ranges", 6)
	count(fx.ids(firewall.deny, "TG-GCP-095")) == 0 with input as fx.resource("google_compute_firewall", "web", unknown)
}

test_tg_gcp_096_violation if {
	findings := firewall.deny with input as rule(fx.override(internal, {"allow": allow({"protocol": "all"})}))
	some f in findings
	f.rule_id == "TG-GCP-096"
	f.location == fx.loc(path, 8)
	f.message == `firewall rule "web" allows every port (protocol all)`
	some g in firewall.deny with input as rule(fx.override(internal, {"allow": allow({"protocol": "udp"})}))
	g.message == `firewall rule "web" allows every port (udp without ports)`
	some h in firewall.deny with input as rule(fx.override(internal, {"allow": allow({"protocol": "tcp", "ports": ["0-65535"]})}))
	h.message == `firewall rule "web" allows every port (tcp ports 0-65535)`
}

test_tg_gcp_096_compliant if {
	count(fx.ids(firewall.deny, "TG-GCP-096")) == 0 with input as rule(fx.override(internal, {"allow": allow({"protocol": "icmp"})}))
	count(fx.ids(firewall.deny, "TG-GCP-096")) == 0 with input as rule(internal)
}

test_tg_gcp_097_violation if {
	findings := firewall.deny with input as rule(fx.override(internal, {"allow": allow({"protocol": "tcp", "ports": ["22", "8000-8100"]})}))
	some f in findings
	f.rule_id == "TG-GCP-097"
	f.location == fx.loc(path, 9)
	f.message == `firewall rule "web" opens the port range 8000-8100 (101 ports)`
}

test_tg_gcp_097_compliant if {
	count(fx.ids(firewall.deny, "TG-GCP-097")) == 0 with input as rule(fx.override(internal, {"allow": allow({"protocol": "tcp", "ports": ["8000-8030"]})}))
	count(fx.ids(firewall.deny, "TG-GCP-097")) == 0 with input as rule(fx.override(internal, {"allow": allow({"protocol": "tcp", "ports": ["0-65535"]})}))
}

test_tg_gcp_136_violation if {
	findings := firewall.deny with input as rule(fx.override(internal, {"source_ranges": ["10.128.0.0/9"]}))
	some f in findings
	f.rule_id == "TG-GCP-136"
	f.location == fx.loc(path, 5)
	f.message == `firewall rule "web" allows ingress (tcp 443) from every subnet of an auto mode network (10.128.0.0/9)`
}

test_tg_gcp_136_compliant if {
	count(fx.ids(firewall.deny, "TG-GCP-136")) == 0 with input as rule(internal)
	count(fx.ids(firewall.deny, "TG-GCP-136")) == 0 with input as rule(fx.override(internal, {"source_ranges": ["10.128.0.0/9"], "disabled": true}))
}
