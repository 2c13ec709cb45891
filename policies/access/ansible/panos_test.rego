package tollgate.access.ansible.panos_test

import data.tollgate.access.ansible.panos
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

at(line) := {"path": "fw.yml", "start_line": line, "end_line": line}

block := {"path": "fw.yml", "start_line": 51, "end_line": 58}

#     - name: Web rule                                   # line 50
#       paloaltonetworks.panos.panos_security_rule:      # line 51
#         rule_name: web                                 # line 52
#         KEY: VALUE ...                                 # lines 53-58, in order
task(module, args) := {
	"format": "ansible",
	"type": "ansible_task",
	"name": "Web rule",
	"address": "fw.yml:fw/tasks/Web rule",
	"path": "fw.yml",
	"resource": {
		"name": "Web rule",
		"module": module,
		"fqcn": concat(".", ["paloaltonetworks.panos", module]),
		"args": object.union(args, {"__loc": object.union(block, {"attrs": {k: at(52 + i) | some i, k in sort(object.keys(args))}})}),
		"__loc": {"path": "fw.yml", "start_line": 50, "end_line": 58, "attrs": {"name": at(50)}},
	},
}

rule(args) := task("panos_security_rule", object.union({"rule_name": "web"}, args))

# A rule naming its zones, addresses and application.
specific := {
	"source_zone": ["untrust"],
	"destination_zone": ["dmz"],
	"source_ip": ["any"],
	"destination_ip": ["web-servers"],
	"application": ["web-browsing", "ssl"],
}

test_tg_ans_007_violation if {
	doc := rule(object.union(specific, {"application": ["any"]}))
	findings := panos.deny with input as doc
	some f in findings
	f.rule_id == "TG-ANS-007"
	f.location == at(52) # application, first key in sorted order
	f.message == `task "Web rule": security rule "web" allows any application`
}

test_tg_ans_007_default_application if {
	doc := rule(object.remove(specific, ["application"]))
	findings := panos.deny with input as doc
	some f in findings
	f.rule_id == "TG-ANS-007"
	f.location == block
	count(ids(panos.deny, "TG-ANS-007")) == 1 with input as rule(object.union(specific, {"service": "ANY"}))
}

test_tg_ans_007_compliant if {
	every doc in [
		rule(specific),
		rule(object.union(specific, {"service": ["service-https"]})),
		rule(object.union(specific, {"application": ["any"], "action": "deny"})),
		rule(object.union(specific, {"application": "{{ apps }}"})),
		rule(object.union(specific, {"application": ["any"], "state": "absent"})),
	] {
		count(ids(panos.deny, "TG-ANS-007")) == 0 with input as doc
	}
}

test_tg_ans_008_violation if {
	doc := rule(object.union(specific, {"destination_ip": ["any"]}))
	findings := panos.deny with input as doc
	some f in findings
	f.rule_id == "TG-ANS-008"
	f.message == `task "Web rule": security rule "web" allows any source to any destination (addresses)`
	f.location == at(56) # source_ip
}

test_tg_ans_008_defaults if {
	found := {f.message | some f in ids(panos.deny, "TG-ANS-008")} with input as rule({"application": ["ssl"]})
	found == {
		`task "Web rule": security rule "web" allows any source to any destination (addresses)`,
		`task "Web rule": security rule "web" allows any source to any destination (zones)`,
	}
}

test_tg_ans_008_compliant if {
	every doc in [
		rule(specific),
		rule(object.union(specific, {"destination_ip": ["any"], "negate_source": true})),
		rule(object.union(specific, {"destination_ip": ["any"], "action": "drop"})),
	] {
		count(ids(panos.deny, "TG-ANS-008")) == 0 with input as doc
	}
}

zone(args) := task("panos_zone", object.union({"zone": "untrust", "mode": "layer3"}, args))

test_tg_ans_009_violation if {
	findings := panos.deny with input as zone({})
	some f in findings
	f.rule_id == "TG-ANS-009"
	f.location == block
	f.message == `task "Web rule": zone "untrust" has no zone protection profile`
	count(ids(panos.deny, "TG-ANS-009")) == 1 with input as zone({"zone_profile": ""})
}

test_tg_ans_009_compliant if {
	count(ids(panos.deny, "TG-ANS-009")) == 0 with input as zone({"zone_profile": "strict"})
	count(ids(panos.deny, "TG-ANS-009")) == 0 with input as zone({"state": "absent"})
}

test_tg_ans_010_violation if {
	findings := panos.deny with input as zone({"zone_profile": "strict", "enable_userid": true})
	some f in findings
	f.rule_id == "TG-ANS-010"
	f.location == at(52) # enable_userid
	f.message == `task "Web rule": zone "untrust" enables User-ID for every network (no include_acl)`
}

test_tg_ans_010_compliant if {
	every doc in [
		zone({"zone_profile": "strict", "enable_userid": true, "include_acl": ["10.0.0.0/8"]}),
		zone({"zone_profile": "strict", "enable_userid": false}),
		zone({"zone_profile": "strict"}),
	] {
		count(ids(panos.deny, "TG-ANS-010")) == 0 with input as doc
	}
}
