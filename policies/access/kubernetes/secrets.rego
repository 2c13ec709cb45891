package tollgate.access.kubernetes.secrets

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# Environment variable names that suggest a credential (as for images, TG-IMG-002).
secret_env_name := `(?i)(secret|password|passwd|token|api_?key|private_?key|access_?key|credential)`

# Names of variables that point at a credential instead of holding it: DB_PASSWORD_FILE.
reference_env_name := `(?i)[_.-](file|filename|path|dir)$`

# A value that only refers to another variable, $(NAME), expanded by the kubelet.
variable_reference := `^\$\([A-Za-z_][A-Za-z0-9_]*\)$`

# METADATA
# title: Container sets a credential in a literal environment variable
# description: |
#   An environment variable named like a credential (secret, password, token, API key,
#   private or access key) is given a literal value in the manifest: the credential is in
#   source control, in every copy of the manifest, and readable by anyone who can read the
#   workload object. Only the variable's name is reported, never its value. Variables that
#   point at a credential (names ending in _FILE, _PATH or _DIR) and values that only refer
#   to another variable, $(NAME), are not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
# - https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-K8S-048
#   severity: high
#   category: access
#   provider: kubernetes
#   remediation: Move the value to a Secret (created from a secrets manager, sealed or SOPS-encrypted) and reference it with valueFrom.secretKeyRef, or mount it as a file. Rotate the exposed credential.
#   frameworks:
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.6.2"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	some e in workload.list(c.env)
	is_string(e.name)
	regex.match(secret_env_name, e.name)
	not regex.match(reference_env_name, e.name)
	is_string(e.value)
	e.value != ""
	not regex.match(variable_reference, e.value)
	msg := sprintf("%s %q: %s sets credential-like environment variable %q to a literal value", [input.type, input.name, workload.describe(label, c), e.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(e, "value"), msg)
}

# ConfigMap keys named like a credential: the name ends with the word.
secret_key_name := `(?i)(password|passwd|secret|token|api[._-]?key|private[._-]?key|access[._-]?key|credentials?)$`

# A PEM private key.
private_key_pem := `-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----`

# A value that is only a placeholder for substitution: ${NAME}, $(NAME), {{ ... }}.
placeholder := `^(\$\{[^}]+\}|\$\([^)]+\)|\{\{.*\}\})$`

credential_entry(key, value) if {
	regex.match(secret_key_name, key)
	not regex.match(placeholder, trim_space(value))
}

credential_entry(_, value) if regex.match(private_key_pem, value)

# METADATA
# title: ConfigMap holds a credential
# description: |
#   A data key of the ConfigMap is named like a credential (it ends in password, secret,
#   token, api_key, private_key, access_key or credentials) or its value is a PEM private
#   key. ConfigMaps are not meant for secrets: their values are shown by kubectl describe,
#   readable by every role that can read ConfigMaps, and committed in clear text. Only the
#   key is reported, never its value; placeholders such as ${DB_PASSWORD} are not reported.
# related_resources:
# - https://kubernetes.io/docs/concepts/configuration/configmap/
# - https://kubernetes.io/docs/concepts/configuration/secret/
# custom:
#   id: TG-K8S-049
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: Move the value to a Secret (from a secrets manager, sealed or SOPS-encrypted) and mount it, and restrict who can read it. Rotate the exposed credential.
#   frameworks:
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
#     pci-dss-4.0: ["8.6.2"]
deny contains finding if {
	input.type == "ConfigMap"
	cm_data := input.resource.data
	is_object(cm_data)
	some key, value in cm_data
	key != "__loc"
	is_string(value)
	value != ""
	credential_entry(key, value)
	msg := sprintf("ConfigMap %q holds a credential in key %q", [input.name, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(cm_data, key), msg)
}

# secret_env(c) is the set of [location, description] of the Secrets the container
# reads into its environment.
secret_env(c) := {[lib.loc(ref), sprintf("reads Secret %q into environment variable %q", [object.get(ref, "name", ""), object.get(e, "name", "")])] |
	some e in workload.list(c.env)
	ref := e.valueFrom.secretKeyRef
	is_object(ref)
} | {[lib.loc(ref), sprintf("loads Secret %q into its environment (envFrom)", [object.get(ref, "name", "")])] |
	some e in workload.list(c.envFrom)
	ref := e.secretRef
	is_object(ref)
}

# METADATA
# title: Container reads a Secret into environment variables
# description: |
#   The container gets a Secret through env valueFrom.secretKeyRef or envFrom secretRef.
#   Environment variables are inherited by every child process, shown in crash dumps and
#   debug endpoints, and often logged; a Secret mounted as a file is not, and is updated in
#   place when the Secret changes.
# related_resources:
# - https://kubernetes.io/docs/concepts/security/secrets-good-practices/
# - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod
# custom:
#   id: TG-K8S-050
#   severity: low
#   category: access
#   provider: kubernetes
#   remediation: Mount the Secret as a volume (read-only, only the keys needed) and have the application read the file.
#   frameworks:
#     cis-kubernetes-1.8: ["5.4.1"]
#     nist-800-53: ["IA-5"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"}
	spec := workload.pod_spec(input.type, input.resource)
	some [label, c] in workload.containers(spec)
	some [location, what] in secret_env(c)
	msg := sprintf("%s %q: %s %s", [input.type, input.name, workload.describe(label, c), what])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}
