package tollgate.encryption.kubernetes.encryption_config

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

entries(config) := [e | some e in workload.list(config.resources); is_object(e)]

covered(e) := {r | some r in workload.list(e.resources); is_string(r)}

# METADATA
# title: EncryptionConfiguration writes resources unencrypted
# description: |
#   In an entry of the API server's EncryptionConfiguration, the first provider is
#   identity: new and updated objects of the listed resources are written to etcd in clear
#   text (the first provider encrypts, the others only decrypt).
# related_resources:
# - https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/#understanding-the-encryption-at-rest-configuration
# custom:
#   id: TG-K8S-065
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Put a kms (v2), aescbc or secretbox provider first and keep identity only after it, while existing objects are rewritten.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.29"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "EncryptionConfiguration"
	some e in entries(input.resource)
	first := workload.list(e.providers)[0]
	is_object(first)
	first.identity
	msg := sprintf("%s writes %s unencrypted (the first provider is identity)", [workload.subject, concat(", ", sort(covered(e)))])
	finding := lib.finding(rego.metadata.rule(), lib.loc(first), msg)
}

# Resource names that include Secrets: secrets itself, every core resource (*.), everything (*.*).
secret_resources := {"secrets", "*.", "*.*"}

# METADATA
# title: EncryptionConfiguration does not cover Secrets
# description: |
#   No entry of the API server's EncryptionConfiguration lists secrets (or *. or *.*):
#   Secrets are stored in etcd in clear text although encryption at rest is configured.
# related_resources:
# - https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/
# custom:
#   id: TG-K8S-066
#   severity: high
#   category: encryption
#   provider: kubernetes
#   remediation: Add an entry with resources [secrets] whose first provider is kms (v2), aescbc or secretbox.
#   frameworks:
#     cis-kubernetes-1.8: ["1.2.29"]
#     nist-800-53: ["SC-28"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.3.2"]
deny contains finding if {
	input.type == "EncryptionConfiguration"
	config := input.resource
	every e in entries(config) {
		count(covered(e) & secret_resources) == 0
	}
	msg := sprintf("%s does not encrypt Secrets (no entry lists secrets)", [workload.subject])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(config, "resources"), msg)
}
