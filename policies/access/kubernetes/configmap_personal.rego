package tollgate.access.kubernetes.configmap_personal

import data.tollgate.lib
import rego.v1

# Key names of personal or account data, ending in the word: user names, e-mail
# addresses, phone numbers, bank account numbers (EMAIL_ENABLED is a flag, not data).
personal_key := `(?i)(user[._-]?name|e[._-]?mail|phone([._-]?number)?|iban)$`

# An e-mail address.
email := `[A-Za-z0-9_.+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}`

# A line that assigns one of those values: "username = alice", "email: bob@example.com".
assignment := `(?i)^\s*["']?[A-Za-z0-9_.-]*(user[._-]?name|e[._-]?mail|phone|iban)["']?\s*[=:]\s*(.*)$`

# An IBAN: country code, check digits, then 11 to 30 letters and digits, optionally in
# groups of four.
iban := `\b[A-Z]{2}[0-9]{2} ?[A-Z0-9]{4} ?[A-Z0-9]{4} ?[A-Z0-9]{3,4}( ?[A-Z0-9]{1,4}){0,4}\b`

# A value that is only a placeholder for substitution: ${NAME}, $(NAME), {{ ... }}.
placeholder := `^["']?(\$\{[^}]+\}|\$\([^)]+\)|\{\{.*\}\})["']?$`

# what(key, value) says what kind of data an entry of the ConfigMap holds.
what(key, value) := "a key named like personal data" if {
	regex.match(personal_key, key)
	literal(trim_space(value))
} else := "an e-mail address" if {
	regex.match(email, value)
} else := "a user name, e-mail, phone or IBAN setting" if {
	some line in split(value, "\n")
	m := regex.find_all_string_submatch_n(assignment, line, 1)
	count(m) == 1
	literal(trim_space(m[0][2]))
} else := "an IBAN" if {
	regex.match(iban, value)
}

literal(v) if {
	v != ""
	not regex.match(placeholder, v)
}

# METADATA
# title: ConfigMap holds personal or account data
# description: |
#   A data key of the ConfigMap ends in username, email, phone or iban, or a value holds an
#   e-mail address, such a setting (username = ..., email: ...) or an IBAN. ConfigMaps are
#   shown by kubectl describe, readable by every role that can read ConfigMaps and
#   committed in clear text: a user name is half of a credential, and personal data there
#   is out of reach of the controls that apply to Secrets.
#   Credentials themselves are TG-K8S-049's. Only the key is reported, never its value;
#   empty values and placeholders such as ${EMAIL} are not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/configuration/configmap/
# - https://kubernetes.io/docs/concepts/configuration/secret/
# custom:
#   id: TG-K8S-144
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Move user names, contact and account data to a Secret (from a secrets manager, sealed or SOPS-encrypted), mount it, and restrict who can read it.
#   frameworks:
#     nist-800-53: ["SC-28", "PT-2"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "ConfigMap"
	cm_data := input.resource.data
	is_object(cm_data)
	some key, value in cm_data
	key != "__loc"
	is_string(value)
	kind := what(key, value)
	msg := sprintf("ConfigMap %q holds %s in key %q", [input.name, kind, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cm_data, key), msg)
}
