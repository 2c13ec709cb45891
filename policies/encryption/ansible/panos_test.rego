package tollgate.encryption.ansible.panos_test

import data.tollgate.access.ansible.panos_test as fx
import data.tollgate.encryption.ansible.panos
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

profile(args) := fx.task("panos_management_profile", object.union({"name": "mgmt", "https": true, "ssh": true}, args))

test_tg_ans_013_violation if {
	findings := panos.deny with input as profile({"telnet": "yes"})
	some f in findings
	f.rule_id == "TG-ANS-013"
	f.location == fx.at(55) # telnet, after https, name, ssh
	f.message == `task "Web rule": management profile allows Telnet (telnet: true)`
	count(ids(panos.deny, "TG-ANS-013")) == 1 with input as profile({"http": true})
}

test_tg_ans_013_compliant if {
	count(ids(panos.deny, "TG-ANS-013")) == 0 with input as profile({})
	count(ids(panos.deny, "TG-ANS-013")) == 0 with input as profile({"http": false, "telnet": "no"})
	count(ids(panos.deny, "TG-ANS-013")) == 0 with input as profile({"http": true, "state": "absent"})
}

ipsec(args) := fx.task("panos_ipsec_profile", object.union({"name": "vpn", "lifetime_hours": 1}, args))

test_tg_ans_014_violation if {
	findings := panos.deny with input as ipsec({"esp_authentication": ["sha256", "md5"], "esp_encryption": ["aes-256-gcm"]})
	some f in findings
	f.rule_id == "TG-ANS-014"
	f.location == fx.at(52) # esp_authentication
	f.message == `task "Web rule": IPsec crypto profile allows weak ESP authentication md5`
}

test_tg_ans_014_defaults_and_ah if {
	found := {f.message | some f in ids(panos.deny, "TG-ANS-014")} with input as ipsec({})
	found == {
		`task "Web rule": IPsec crypto profile allows weak ESP authentication sha1`,
		`task "Web rule": IPsec crypto profile allows weak ESP encryption 3des`,
	}
	ah := {f.message | some f in ids(panos.deny, "TG-ANS-014")} with input as ipsec({"ah_authentication": ["sha256"]})
	ah == {`task "Web rule": IPsec crypto profile uses AH, which authenticates but does not encrypt`}
	count(ids(panos.deny, "TG-ANS-014")) == 1 with input as ipsec({"authentication": "none", "encryption": "aes-128-gcm"})
}

test_tg_ans_014_compliant if {
	count(ids(panos.deny, "TG-ANS-014")) == 0 with input as ipsec({"esp_authentication": ["sha256"], "esp_encryption": ["aes-256-gcm", "aes-128-cbc"]})
	count(ids(panos.deny, "TG-ANS-014")) == 0 with input as ipsec({"esp_authentication": "sha384", "esp_encryption": "aes-256-cbc"})
	count(ids(panos.deny, "TG-ANS-014")) == 0 with input as ipsec({"state": "absent"})
}
