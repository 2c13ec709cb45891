package tollgate.encryption.kubernetes.secret

import data.tollgate.lib
import rego.v1

# plain_keys(values) is the set of keys of a Secret's data or stringData whose values
# are set and not SOPS-encrypted (ENC[...]).
plain_keys(values) := {k |
	some k, v in values
	k != "__loc"
	is_string(v)
	v != ""
	not startswith(v, "ENC[")
}

# METADATA
# title: Secret manifest holds its values in plain text
# description: |
#   A Secret manifest carries values in data (base64, which is an encoding, not encryption)
#   or stringData: the credentials are in source control and in every copy of the
#   repository, readable by anyone who can read it. Only key names are reported, never
#   values. Files encrypted with SOPS (a top-level sops key, or values ENC[...]) are not
#   reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/secrets-good-practices/
# - https://github.com/getsops/sops
# custom:
#   id: TG-K8S-071
#   severity: medium
#   category: encryption
#   provider: kubernetes
#   remediation: Keep Secrets out of the repository, or commit them encrypted (SOPS, Sealed Secrets) or as references (External Secrets Operator, a CSI secrets store); rotate the exposed values.
#   frameworks:
#     nist-800-53: ["SC-28", "IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "Secret"
	secret := input.resource
	not secret.sops
	some field in ["data", "stringData"]
	values := secret[field]
	is_object(values)
	keys := plain_keys(values)
	count(keys) > 0
	msg := sprintf("Secret %q holds its values in plain text (%s: %s)", [input.name, field, concat(", ", sort(keys))])
	finding := lib.finding(rego.metadata.rule(), lib.loc(values), msg)
}
