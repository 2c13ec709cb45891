package tollgate.audit.ansible.panos_test

import data.tollgate.access.ansible.panos_test as fx
import data.tollgate.audit.ansible.panos
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

logged := object.union(fx.specific, {"log_setting": "to-siem"})

test_tg_ans_011_violation if {
	findings := panos.deny with input as fx.rule(object.union(logged, {"log_end": false}))
	some f in findings
	f.rule_id == "TG-ANS-011"
	f.location == fx.at(55) # log_end
	f.message == `task "Web rule": security rule "web" does not log at session end (log_end: false)`
}

test_tg_ans_011_no_forwarding if {
	findings := panos.deny with input as fx.rule(fx.specific)
	some f in findings
	f.rule_id == "TG-ANS-011"
	f.location == fx.block
	f.message == `task "Web rule": security rule "web" forwards no logs (no log_setting)`
}

test_tg_ans_011_compliant if {
	count(ids(panos.deny, "TG-ANS-011")) == 0 with input as fx.rule(logged)
	count(ids(panos.deny, "TG-ANS-011")) == 0 with input as fx.rule(object.union(logged, {"log_end": "yes"}))
	count(ids(panos.deny, "TG-ANS-011")) == 0 with input as fx.rule({"state": "absent"})
}

test_tg_ans_012_violation if {
	findings := panos.deny with input as fx.rule(object.union(logged, {"disable_server_response_inspection": "yes"}))
	some f in findings
	f.rule_id == "TG-ANS-012"
	f.location == fx.at(55)
	f.message == `task "Web rule": security rule "web" disables server response inspection`
}

test_tg_ans_012_compliant if {
	count(ids(panos.deny, "TG-ANS-012")) == 0 with input as fx.rule(logged)
	count(ids(panos.deny, "TG-ANS-012")) == 0 with input as fx.rule(object.union(logged, {"disable_server_response_inspection": false}))
}
